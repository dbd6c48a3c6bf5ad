package ast

// Query is a parsed query string: the system query options the engine
// supports and the parameter aliases it defines. Spans in it index into Text.
type Query struct {
	Text string // the raw query string as given

	Filter     Expr // nil when there is no $filter
	FilterSpan Span // the value of the $filter option in Text

	HasTop  bool
	Top     int64
	TopSpan Span

	HasSkip  bool
	Skip     int64
	SkipSpan Span

	// Aliases are the parameter aliases (@name=value) defined by the query,
	// in the order written.
	Aliases []Alias

	// Custom are the custom query options (no "$", not a system option
	// name), in the order written: the engine ignores them, but an embedder
	// may read them (api-version=..., x-...). The parser rejects the names
	// that are almost surely mistakes (a misspelt system option), and the
	// checker those that name a property of the model (riskScore=High).
	Custom []CustomOption
}

// CustomOption is one custom query option, Name=Value, both decoded.
type CustomOption struct {
	Name      string
	NameSpan  Span
	Value     string // empty when the option has no "=" or nothing after it
	ValueSpan Span   // empty, at the end of the option, when there is no "="
	HasValue  bool   // the option has an "="
}

// Alias is one parameter alias definition, @Name=Value.
type Alias struct {
	Name     string // without the @
	NameSpan Span
	Value    Expr
}

// Alias returns the value of the alias with the given name (without @) and
// whether it is defined.
func (q *Query) Alias(name string) (Expr, bool) {
	for _, a := range q.Aliases {
		if a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}
