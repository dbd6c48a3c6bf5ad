// Package schema is the Defender for Endpoint Machine entity: the Go record
// for one machine and its JSON codec, the entity model as data (fields, EDM
// types, enum members, which fields $filter may use), and the $filter
// checker, which resolves a parsed query against a Model and types it. The
// evaluator lives in package eval; it plans from what the checker learned
// and reads records through the getters declared here.
//
// It is not a parser (package parser), not an evaluator (package eval) and
// not a general OData metadata library: it knows one entity type.
//
// # The record
//
// Machine holds the union of the machine resource's properties across its
// documented versions (2018 to 2025). Every field may be null in real data,
// and the zero value of every field is null: strings are NullString,
// integers NullInt64, isAadJoined NullBool, timestamps DateTimeOffset (an
// instant plus the offset it was written in), and the enums HealthStatus,
// RiskScore, ExposureLevel and DeviceValue are uint8 ordinals with 0 for
// null. The collections machineTags and ipAddresses are nil when null,
// missing or empty. No field is a pointer, so reading one is a plain load.
//
// # The model
//
// A Model lists the fields in JSON order. Each Field has its JSON name
// (camelCase: riskScore), its canonical name as the docs list it
// (RiskScore), its EDM type, whether the documented type is nullable,
// whether it is filterable, and exactly one typed getter matching its type
// (String, Int, Bool, Time, Enum, Strings or IPAddresses), which the
// evaluator calls without reflection or allocation. Model.Lookup resolves a
// name without regard to ASCII case: the docs list ComputerDnsName, their
// samples write computerDnsName.
//
//	field                  EDM type                 2018  2021
//	id                     Edm.String               yes   yes
//	computerDnsName        Edm.String               yes   yes
//	firstSeen              Edm.DateTimeOffset
//	lastSeen               Edm.DateTimeOffset       yes   yes
//	osPlatform             Edm.String               yes   yes
//	osVersion              Edm.String
//	osProcessor            Edm.String
//	version                Edm.String                     yes
//	osBuild                Edm.Int64
//	lastIpAddress          Edm.String               yes   yes
//	lastExternalIpAddress  Edm.String
//	agentVersion           Edm.String
//	healthStatus           HealthStatus             yes   yes
//	deviceValue            DeviceValue                    yes
//	rbacGroupId            Edm.Int64                yes   yes
//	rbacGroupName          Edm.String
//	riskScore              RiskScore                yes   yes
//	exposureLevel          ExposureLevel                  yes
//	isAadJoined            Edm.Boolean
//	aadDeviceId            Edm.Guid                       yes
//	machineTags            Collection(Edm.String)   yes   yes
//	onboardingStatus       Edm.String                     yes
//	osArchitecture         Edm.String
//	ipAddresses            Collection(IpAddress)
//
// Machines, the default, has the 2018 whitelist: exactly nine filterable
// fields. Machines2021 has the list documented from September 2021
// (fourteen); it is built from the same field declarations. A field that is
// in the model but not filterable is a different error from an unknown name.
//
// The enum and complex types live in the namespace
// Microsoft.WindowsDefenderATP.Api (Namespace); Defender does not document
// its $metadata, so the name is this package's choice. An enum member's
// ordinal is its 1-based position below; Enum.Member matches names without
// regard to ASCII case.
//
//	HealthStatus   Active, Inactive, ImpairedCommunication, NoSensorData,
//	               NoSensorDataImpairedCommunication, Unknown
//	               unordered: eq, ne and in only
//	RiskScore      None < Informational < Low < Medium < High
//	               ordered: gt, ge, lt, le compare ordinals
//	ExposureLevel  None < Low < Medium < High
//	               ordered, like RiskScore
//	DeviceValue    Normal, Low, High
//	               unordered: the documented order is not a ranking
//
// onboardingStatus is an open Edm.String, as documented, not an enum. An
// aadDeviceId is kept as the string the data holds; comparing it with a
// GUID literal is the evaluator's business (GUIDs compare without regard
// to case).
//
// # Decoding JSON
//
// Machine.UnmarshalJSON reads the records of real exports:
//
//   - names are Defender's camelCase, also matched without regard to ASCII
//     case; unknown fields (defenderAvStatus, vmMetadata, ...) are skipped
//     without error, though they must be valid JSON;
//   - null is accepted for every field, and a missing field is null;
//   - rbacGroupId is a JSON integer or a numeric string ("140"), since the
//     docs call it a String and the service returns a number; osBuild is a
//     JSON integer;
//   - timestamps are ISO 8601 strings with any offset and up to 12
//     fractional digits (2018-08-02T14:55:03.7791856Z, ...+02:00); the
//     offset and the number of digits are kept, so MarshalJSON writes the
//     value back as it was read;
//   - enum strings match members without regard to ASCII case ("active" is
//     Active); an unknown member is an error naming the field and the
//     value, never a silent null;
//   - a null element inside machineTags or ipAddresses is an error.
//
// Every decoding error is a *FieldError with the field's JSON path
// (machineTags[2], ipAddresses[0].type) and the byte offset. No input makes
// the decoder panic; deeply nested unknown values fail at depth 10,000.
//
// A Projection decodes only some fields, typically those a filter reads
// (ProjectionOf(checked.FieldsRead())), and checks the others exactly as
// UnmarshalJSON does, with the same errors: a filter on two fields does
// not pay for building twenty-two, and bad data is still bad data. Its
// UnmarshalMembers goes straight to the members a streaming reader has
// already located (records.Reader notes them for every record), and its
// UnmarshalAt finds a record's end in a longer input while it decodes it,
// noting its members, so that a reader need not check the record's JSON
// first (a records.Decoder). UnmarshalAt reads a record written as
// Defender writes them (compact, names spelled as Defender spells them,
// values of their usual forms) in one loop over small functions that each
// take one shape of text and nothing else (jsonfast.go, jsonquick.go):
// a member name found by its words in a table, the member Defender writes
// next tried first; a string field's value by its closing quote; a
// timestamp, an enum member, an integer, a tags or IpAddress list in one
// straight pass. Anything else, from white space to a bad value, is read
// the general way from the same place, so a record's fields and errors do
// not depend on which path read it (TestUnmarshalAtAgrees, TestCheckAt,
// FuzzUnmarshalAt).
//
// # Checking a filter
//
// Check (against Machines), Model.Check and CheckFilter take what package
// parser produced and return either a *Checked or an error that is always
// ast.Diagnostics. The tree is never modified: like go/types.Info, a
// Checked holds what the checker learned in maps keyed by the tree's nodes,
// so one parse can be checked against Machines and Machines2021 in turn.
//
//	Types    the type of every expression (TypeNull for a null literal)
//	Fields   each name that resolved to a field ($it/riskScore included)
//	Vars     each name that resolved to a lambda range variable
//	Members  the enum ordinal of each literal read as a member ('High' is 5)
//	Aliases  each use of a parameter alias, and the value it stands for
//
// FieldsRead lists the fields a filter reads, in model order.
//
// The checker reports every independent error, in source order, each once
// (an alias used twice has its errors reported once, where its value is
// written). An expression in error is not reported again by the
// expressions around it. The codes are:
//
//	unknown_field        a name that is no field of the model, nor a range
//	                     variable in scope; it suggests the nearest of them
//	not_filterable       a Machine field outside the model's whitelist
//	type_mismatch        operands that do not fit, naming both types; and a
//	                     filter that is not Boolean
//	unknown_enum_member  a member name the enum does not have, with the
//	                     nearest member suggested
//	unknown_type         the type of an enum literal, or a cast or isof
//	                     target, that does not exist
//	unknown_function     a function that is not canonical (foo(1), Ns.Fn())
//	unknown_alias        @p used without @p=value in the query string
//	alias_cycle          an alias used inside its own value, directly or
//	                     through others (@a=@b&@b=@a)
//	division_by_zero     an Int64 div or mod whose divisor is a literal 0
//	                     (or an alias of one); a computed zero is null
//	bad_literal          a value the parser flagged (2018-02-30, an integer
//	                     beyond Int64) or a matchesPattern pattern that is
//	                     not a valid RE2 expression
//	unsupported          valid OData the Machine model cannot use
//
// The typing rules are OData 4.01's, with Defender's conventions:
//
//   - Numbers promote Int64 < Decimal < Double, so rbacGroupId eq 140.0 and
//     rbacGroupId gt 1e2 compare. div of two integers is an integer; divby
//     always divides as a Decimal (or Double). round, floor and ceiling of
//     an integer are Decimal.
//   - A plain date beside a DateTimeOffset means midnight UTC of that date
//     (lastSeen gt 2018-08-01); 2018-08-01Z is a DateTimeOffset. A
//     DateTimeOffset or a date plus or minus a Duration keeps its type; two
//     of them subtract to a Duration; a Duration multiplies by and divides
//     by a number.
//   - eq and ne compare values of one type, two numbers, a date and a
//     DateTimeOffset, or anything single-valued with null. gt, ge, lt and le
//     also need an ordered type: every primitive (false < true) and
//     RiskScore and ExposureLevel, whose members are ranked.
//   - A string literal where an enum is expected names a member, exactly:
//     riskScore eq 'High', 'High' eq riskScore, riskScore in ('Low','None'),
//     in a case value, or as an alias's value. OData names members
//     exactly, and Defender's ASP.NET OData stack compares them ordinally,
//     so 'high' is an unknown_enum_member that says member names are
//     case-sensitive and suggests 'High' (a filter check accepts is one
//     Defender accepts). A qualified literal
//     Microsoft.WindowsDefenderATP.Api.RiskScore'High' names one too; as
//     Defender publishes no $metadata, its namespace is not checked and its
//     case does not matter, only the type name does. Records are read more
//     leniently: "riskScore":"high" in the data is High.
//   - HealthStatus and DeviceValue are unordered: eq, ne and in only, so
//     healthStatus gt 'Active' is a type_mismatch. has needs a flags enum and
//     the model has none, so has is always a type_mismatch.
//   - machineTags is Collection(Edm.String): it takes any and all, stands on
//     the right of in, has /$count (Int64), and is an argument of hassubset
//     and hassubsequence. The right side of in is a list, ('a','b') or
//     ["a","b"], a collection, or an alias whose value is a JSON array. A
//     collection is not compared with eq.
//   - A lambda's range variable is in scope in its predicate only, and hides
//     a field of the same name there (machineTags/any(riskScore: riskScore
//     eq 'x') compares tags); $it/name still reaches the field, since $it is
//     the machine. An inner variable hides an outer one. Variable names are
//     case-sensitive, field names are not. The predicate must be Boolean;
//     any() takes none.
//   - A parameter alias is checked where it is used, as if its value were
//     written there, outside every lambda: its value cannot see range
//     variables.
//   - The whole filter must be Boolean (a null literal is allowed and keeps
//     nothing).
//
// What is valid OData but unsupported, and why: binary and spatial literals
// and the geo functions (no Machine field has such a type); $root, $this,
// annotations, type-cast segments and the one-argument cast and isof (the
// model is one entity type, with no derived types); the $filter path
// segment and /$count($filter=...) (use a lambda); and JSON objects (no
// field is structured). These are unsupported. The 4.01 collection
// overloads of concat, contains, startswith, endswith, indexof, length and
// substring are not provided: their collection arguments are a
// type_mismatch (count with /$count, search with any). cast converts
// between numbers, from a date to a DateTimeOffset and from an enum to its
// member name; other casts, whose string forms OData leaves to the service,
// are a type_mismatch.
package schema
