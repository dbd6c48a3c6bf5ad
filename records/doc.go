// Package records reads and writes Defender machine lists as raw records:
// the JSON text of each machine exactly as the input spells it, found and
// checked for well-formedness but not decoded. Tools that pass records
// through (odatafilter query, the serve command's data loading) use it so
// unknown fields, key order, number spelling and escapes survive byte for
// byte. It is not a decoder: schema.Machine.UnmarshalJSON turns one
// Record.Raw into a Machine.
//
//	rd := records.NewReader(f)
//	for {
//		rec, err := rd.Next() // rec.Raw is valid until the next Next
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err // an *Error: "record 3 at byte 1234: ..."
//		}
//		...
//	}
//
// # Formats
//
// A machine list is one of three formats, told apart from the input
// itself (a UTF-8 byte order mark at the start is skipped; offsets count
// it):
//
//   - Envelope, a Defender response document:
//     {"@odata.context":"…","value":[{…},{…}]}. Members may come in any
//     order, and members other than "value" (@odata.nextLink,
//     @odata.count, …) are checked and skipped; @odata.context is kept
//     (Reader.Context).
//   - Array, a bare JSON array of records: [{…},{…}].
//   - NDJSON, one record a line; blank lines, and white space around a
//     record, are allowed; a record may span lines, but two records may
//     not share one.
//
// The rule: the first byte that is not white space decides. '[' is an
// Array. '{' opens the first object, whose members are read one by one: if
// it has a member named "value", it is an Envelope, and that member must be
// an array of records (which then stream, however long). If the object
// ends without a "value" member, it is the first record of NDJSON (so one
// machine object on its own is a list of one), unless all its member
// names start with "@" (only OData annotations, or none): an envelope
// without its "value" is an error, not a machine. Anything else first is
// an error.
//
// Several machine lists in one input are an error (ErrPages), since read
// as one list each would be a machine with every field null: a record
// with a "value" member (a saved Defender response inside an array, as
// jq -s writes over saved pages, or in NDJSON; Defender machine records
// have no "value"), and a second envelope or array after the first (one
// response a line, or files concatenated). The error says how to flatten
// them with jq.
//
// Some inputs are named as what they are rather than as malformed JSON:
// an empty input (nothing, or only white space) is an error (ErrEmpty),
// since an empty fleet is written {"value":[]} or [] and an empty file is
// more often a failed download; a UTF-16 input, with or without a byte
// order mark, is an error saying how to convert it (ErrUTF16); and an
// object whose only member is "error", an object, is a Defender error
// body ({"error":{"code":"Unauthorized","message":…}}), an error carrying
// its code and message (*ErrorResponse), whether it is the whole input or
// one record of a list.
//
// An envelope's @odata.nextLink is kept too (Reader.NextLink): a response
// that has one is only a page of the fleet.
//
// # Checking
//
// Every record must be a JSON object. The whole input must be well-formed
// JSON (RFC 8259) in the shape of its format: strings with valid escapes
// and no raw control characters, valid numbers and literals, nesting at
// most 10,000 deep, nothing but white space after the end. Strings are not
// checked for valid UTF-8, as encoding/json does not reject it either; the
// bytes pass through. A record may be at most MaxRecordSize bytes.
// Malformed input is an *Error naming the record (1-based in the message)
// and the byte offset of the problem; the Reader stops there.
//
// # Memory and speed
//
// A Reader holds one buffer (256 KiB, grown only for a longer record) and
// reads the input through it once: memory does not grow with the input.
// Records are found by a small hand-written scanner that tracks strings,
// escapes and nesting, eight string bytes at a time; nothing is decoded
// and nothing is copied (Raw points into the buffer). While it checks a
// record, the scanner notes where each of the record's members begins
// (Record.Members), so that a decoder can go from member to member without
// reading again what the scanner has checked. The scanner is
// restartable: a record that straddles the buffer's end is scanned again
// from its start once more input is in, and the buffer grows geometrically
// so that costs linear time even for a long record read in small pieces.
//
// Finding records is most of the cost of reading, and it can run on many
// goroutines, in every format: Reader.NextChunk cuts the input into
// chunks (Chunk), touching only the bytes near each cut (AppendChunk
// reads them straight into the caller's buffer instead of the Reader's,
// so that they are not copied a second time), and a
// ChunkScanner per goroutine finds and checks the records of each, the
// same records and the same errors as Next. A cut is a guess of how the
// input stands there (Joint: between two records of NDJSON or of an
// array), right for all well-formed input but for arrays nested in
// records that look like the records themselves; a caller carries from
// each chunk to the next the record index, the Joint and the record it
// may end inside, and scans a chunk again in the rare case its guess was
// wrong. A ChunkScanner may also be given a Decoder (SetDecoder), which
// finds each record's end while it decodes it, in one pass instead of the
// scanner's check and a decoder's second reading; a record the Decoder
// does not take is read the usual way, so records and errors are the
// same with or without one.
//
// The Writers stream the other way: NewEnvelopeWriter writes a Defender
// response, NewNDJSONWriter one record a line, each through a buffer.
package records
