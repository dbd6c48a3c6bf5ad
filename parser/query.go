package parser

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/odatafilter/odatafilter/ast"
)

// supported are the system query options the engine implements, by
// lower-case name without "$".
var supported = map[string]bool{"filter": true, "top": true, "skip": true}

// unsupported are the other system query options of OData 4.01. They are
// errors, not ignored: a client that sends $orderby expects ordered results.
var unsupported = map[string]bool{
	"orderby": true, "select": true, "expand": true, "count": true, "search": true, "format": true,
	"compute": true, "index": true, "skiptoken": true, "deltatoken": true, "apply": true,
	"levels": true, "schemaversion": true, "id": true,
}

// ParseQuery parses a raw query string, as in url.URL.RawQuery, and returns
// the $filter, $top and $skip it holds. A URL or a path pasted whole is
// read for its query part (see QueryOffset): "?$filter=...",
// "https://api.securitycenter.microsoft.com/api/machines?$filter=...",
// "/api/machines?$filter=..." and "machines?$filter=..." hold the same
// query. A URL or a path with no "?" is a bad_option error (it holds no
// options, so it would match every machine; the empty query is the way to
// ask for them all), and so is the URL of one machine, .../machines/{id},
// with or without a query: $filter, $top and $skip apply to collections.
// Spans still index raw as given.
//
// Decoding follows ASP.NET and Go's url.ParseQuery, as Defender clients
// expect: options are separated by "&", "+" is a space and %XX is decoded
// once; every decoded name and value must be UTF-8 text (bad_escape when
// escapes make invalid UTF-8, syntax for raw invalid bytes). Option names
// are case-insensitive and the "$" is optional (OData 4.01). A repeated
// option, an option without a value, an empty option between two "&", an
// unknown $-option and a system option the engine does not support
// ($orderby, $select, ...) are bad_option errors naming it. Custom options
// (no "$", not a system option name) are ignored and kept in Query.Custom,
// but not every text is a custom option: an option with no name before its
// "=" (what a shell leaves of "$filter=..." in double quotes), a name
// holding whitespace, quotes or parentheses (a bare $filter expression,
// which belongs in ParseFilter or eval.CompileFilter), a misspelt system
// option (fitler, tpo, skp: see nearestOption), and a path or a file name
// with no value (api/machines, machines.json) are bad_option errors, so
// that a filter never silently vanishes. A custom option named after a
// property of the model (riskScore=High) is the checker's to reject
// (schema.Model.Check). $top and $skip are non-negative integers, $top at
// most Limits.MaxTop (top_too_large). Parameter aliases (@p=value) are
// parsed as expressions.
func (p *Parser) ParseQuery(raw string) (*ast.Query, error) {
	lim := p.Limits.withDefaults()
	if len(raw) > lim.MaxLength {
		return nil, tooLong(len(raw), lim.MaxLength, ast.Span{Start: lim.MaxLength, End: len(raw)})
	}
	q := &ast.Query{Text: raw}
	qp := queryParser{q: q, lim: lim, seen: map[string]bool{}}
	start := QueryOffset(raw)
	if d := locationProblem(raw, start); d != nil {
		return nil, ast.Diagnostics{d}
	}
	if start == len(raw) {
		return q, nil
	}
	for i := start; i <= len(raw); {
		end := strings.IndexByte(raw[i:], '&')
		if end < 0 {
			end = len(raw)
		} else {
			end += i
		}
		qp.option(i, end)
		i = end + 1
	}
	if len(qp.ds) == 0 && q.Filter != nil && len(q.Aliases) > 0 {
		if n := expandedSize(q, lim.MaxNodes); n > lim.MaxNodes {
			qp.ds.Add(q.FilterSpan, ast.CodeTooManyNodes,
				"with its parameter aliases expanded, the filter has more than %d nodes, the limit", lim.MaxNodes)
		}
	}
	if len(qp.ds) == 0 && q.Filter != nil {
		qp.ds = checkWork(q.Filter, q, lim)
	}
	if err := qp.ds.Err(); err != nil {
		return nil, err
	}
	return q, nil
}

// expandedSize counts the nodes of the filter with every alias use replaced
// by the alias's value, stopping once the count passes limit. Aliases that
// use other aliases twice double at each step, so without this bound a
// short query could make the checker, the planner and every evaluation
// exponentially slow. A cycle counts once; the checker reports it.
func expandedSize(q *ast.Query, limit int) int {
	sizes := map[string]int{}
	var size func(e ast.Expr) int
	size = func(e ast.Expr) int {
		n := 0
		ast.Inspect(e, func(node ast.Node) bool {
			if node == nil || n > limit {
				return false
			}
			n++
			a, ok := node.(*ast.AliasExpr)
			if !ok {
				return true
			}
			s, seen := sizes[a.Name]
			if !seen {
				sizes[a.Name] = 1 // in progress: a cycle counts once
				if v, ok := q.Alias(a.Name); ok {
					s = size(v)
				}
				sizes[a.Name] = s
			}
			n += s
			return false
		})
		return n
	}
	return size(q.Filter)
}

// QueryOffset returns the offset in raw at which its query options begin:
// 1 after a leading "?"; just past the first "?" when the text before it is
// a URL or a path (it has no "=", "&", whitespace, quote or parenthesis, so
// it is neither an option nor a filter: "https://host/api/machines?",
// "/api/machines?", "machines?"); len(raw) for a URL or an absolute path
// with no "?" at all ("http://...", "https://...", "/..."), which holds no
// options; and 0 otherwise. ParseQuery reads the options from there on;
// tools that tell a query string from a bare filter can call it too (a
// valid filter never has a positive offset: a "?" can only stand in a
// string literal, after a quote).
func QueryOffset(raw string) int {
	if strings.HasPrefix(raw, "?") {
		return 1
	}
	if i := strings.IndexByte(raw, '?'); i > 0 && isLocation(raw[:i]) {
		return i + 1
	}
	if isLocation(raw) && (strings.HasPrefix(raw, "/") || hasPrefixFold(raw, "http://") || hasPrefixFold(raw, "https://")) {
		return len(raw)
	}
	return 0
}

// locationProblem returns the error for a URL or path pasted whole that
// cannot be meant as it stands, or nil: one with no "?" at all holds no
// options, so it would match every machine (a deliberate "every machine"
// is the empty query); and the URL of one machine (.../machines/{id}) is
// no collection, so $filter, $top and $skip do not apply to it (ASP.NET
// OData answers 400 there too). start is QueryOffset(raw).
func locationProblem(raw string, start int) *ast.Diagnostic {
	loc, hasQuery := "", false
	switch {
	case start > 1 && raw[start-1] == '?':
		loc, hasQuery = raw[:start-1], true
	case start == len(raw) && start > 0 && raw[0] != '?':
		loc = raw
	default:
		return nil
	}
	span := ast.Span{End: len(loc)}
	if coll, id, ok := oneMachine(loc); ok {
		return &ast.Diagnostic{Span: span, Code: ast.CodeBadOption, Suggestion: coll,
			Message: fmt.Sprintf("%s is the URL of one machine, not a collection: $filter, $top and $skip apply to %s "+
				"(to find this machine, write $filter=id eq '%s')", clipName(loc), clipName(coll), strings.ReplaceAll(id, "'", "''"))}
	}
	if !hasQuery {
		return &ast.Diagnostic{Span: span, Code: ast.CodeBadOption,
			Message: fmt.Sprintf("%s has no query part: it holds no $filter, $top or $skip, so it would match every machine "+
				"(add ?$filter=... to it, or give the filter alone: --filter, eval.CompileFilter)", clipName(loc))}
	}
	return nil
}

// oneMachine reports whether the path of loc ends in machines/{id}, and
// returns the collection's URL (loc without "/{id}") and the id.
func oneMachine(loc string) (coll, id string, ok bool) {
	i := strings.LastIndexByte(loc, '/')
	if i < 0 || i == len(loc)-1 {
		return "", "", false
	}
	coll, id = loc[:i], loc[i+1:]
	j := strings.LastIndexByte(coll, '/')
	if !strings.EqualFold(coll[j+1:], "machines") {
		return "", "", false
	}
	return coll, id, true
}

// isLocation reports whether s can be the URL or path before a "?": it has
// none of the bytes that make it an option ("=", "&") or an expression
// (whitespace, quotes, parentheses).
func isLocation(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ' || c == 0x7f, strings.IndexByte("=&'\"()", c) >= 0:
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

type queryParser struct {
	q    *ast.Query
	lim  Limits
	ds   ast.Diagnostics
	seen map[string]bool

	namelessSeen bool // an option with no name was reported
}

// option handles raw[start:end], one name=value pair.
func (qp *queryParser) option(start, end int) {
	raw := qp.q.Text
	if start == end {
		at := ast.Span{Start: start, End: min(start+1, len(raw))}
		if start > 0 {
			at = ast.Span{Start: start - 1, End: start}
		}
		qp.ds.Add(at, ast.CodeBadOption, "empty query option: remove the extra '&'")
		return
	}
	eq := strings.IndexByte(raw[start:end], '=')
	nameEnd, hasValue := end, eq >= 0
	if hasValue {
		nameEnd = start + eq
	}
	nameSpan := ast.Span{Start: start, End: nameEnd}
	if nameSpan.Len() == 0 {
		hint := ""
		if !qp.namelessSeen { // once is enough
			hint = ": did the shell expand $filter? quote the query with single quotes"
		}
		qp.namelessSeen = true
		qp.ds.Add(ast.Span{Start: start, End: end}, ast.CodeBadOption, "query option with no name before '='%s", hint)
		return
	}
	name, _, ok := qp.decode(nameSpan)
	if !ok {
		return
	}
	valSpan := ast.Span{Start: nameEnd + 1, End: end}
	if !hasValue {
		valSpan = ast.Span{Start: end, End: end}
	}
	if strings.HasPrefix(name, "@") {
		qp.alias(name, nameSpan, valSpan, hasValue)
		return
	}
	key := strings.ToLower(strings.TrimPrefix(name, "$"))
	switch {
	case supported[key]:
	case unsupported[key]:
		hint := ""
		if key == "id" && !strings.HasPrefix(name, "$") { // id=abc: 4.01 reads it as $id
			hint = " (to find a machine by its id, write $filter=id eq '...')"
		}
		qp.ds.Add(nameSpan, ast.CodeBadOption, "query option $%s is not supported: this engine handles $filter, $top and $skip%s", key, hint)
		return
	case strings.HasPrefix(name, "$"):
		if near, ok := nearestOption(key); ok {
			d := qp.ds.Add(nameSpan, ast.CodeBadOption, "unknown system query option %s: did you mean $%s?", name, near)
			d.Suggestion = "$" + near
			return
		}
		qp.ds.Add(nameSpan, ast.CodeBadOption, "unknown system query option %s: the options are $filter, $top and $skip", name)
		return
	case !isOptionName(name):
		d := qp.ds.Add(ast.Span{Start: start, End: end}, ast.CodeBadOption,
			"%q is not a query option name: this looks like a bare $filter expression, not a query string "+
				"(put $filter= before it, or give it as a filter: --filter, eval.CompileFilter)", clipName(name))
		d.Suggestion = "$filter=" + raw[start:end]
		return
	default:
		qp.custom(name, nameSpan, valSpan, hasValue)
		return
	}
	if qp.seen[key] {
		qp.ds.Add(nameSpan, ast.CodeBadOption, "query option $%s is repeated; give it once", key)
		return
	}
	qp.seen[key] = true
	if valSpan.Len() == 0 {
		qp.ds.Add(ast.Span{Start: nameSpan.Start, End: valSpan.End}, ast.CodeBadOption, "query option $%s has no value", key)
		return
	}
	val, pos, ok := qp.decode(valSpan)
	if !ok {
		return
	}
	switch key {
	case "filter":
		e, ds := parseExpr(val, pos, qp.lim)
		qp.ds = append(qp.ds, ds...)
		qp.q.Filter, qp.q.FilterSpan = e, valSpan
	case "top":
		n, ok := qp.count(key, val, valSpan, true)
		qp.q.Top, qp.q.HasTop, qp.q.TopSpan = n, ok, valSpan
	case "skip":
		n, ok := qp.count(key, val, valSpan, false)
		qp.q.Skip, qp.q.HasSkip, qp.q.SkipSpan = n, ok, valSpan
	}
}

// custom records a custom option, which the engine ignores, unless its
// name is almost surely a mistake that would lose the filter: a misspelt
// system option (fitler, tpo, skp), or, with no value, a path with no
// query part (api/machines) or a file name (machines.json). The checker
// goes on to reject custom options named after a property of the model
// (riskScore=High).
func (qp *queryParser) custom(name string, nameSpan, valSpan ast.Span, hasValue bool) {
	if near, ok := nearestOption(strings.ToLower(name)); ok {
		d := qp.ds.Add(nameSpan, ast.CodeBadOption,
			"unknown query option %s: did you mean $%s? (a custom option is ignored, and what it holds with it)", name, near)
		d.Suggestion = "$" + near
		return
	}
	switch {
	case !hasValue && strings.Contains(name, "/"):
		qp.ds.Add(nameSpan, ast.CodeBadOption,
			"%s looks like a URL path with no query part: it holds no $filter; add ?$filter=... to it, or give the filter alone (--filter, eval.CompileFilter)", clipName(name))
		return
	case !hasValue && strings.ContainsAny(name, ".\\"):
		qp.ds.Add(nameSpan, ast.CodeBadOption,
			"%s looks like a file name, not a query option (an option with no value, which would be ignored): "+
				"a file holding the query goes to --query-file, a file of machines is the FILE argument", clipName(name))
		return
	}
	// Not ours to judge: a value whose escapes do not decode is kept as
	// written, not an error.
	n := len(qp.ds)
	val, _, ok := qp.decode(valSpan)
	if !ok {
		qp.ds = qp.ds[:n]
		val = qp.q.Text[valSpan.Start:valSpan.End]
	}
	qp.q.Custom = append(qp.q.Custom, ast.CustomOption{Name: name, NameSpan: nameSpan, Value: val, ValueSpan: valSpan, HasValue: hasValue})
}

// nearOptions are the system options a custom option's name is checked
// against for a misspelling: the three the engine handles and the other
// common ones, which then get their own "not supported" error.
var nearOptions = []string{"filter", "top", "skip", "orderby", "select", "expand", "count", "search"}

// nearestOption returns the system option that key (lower case, without
// "$") misspells: one edit away (an adjacent transposition counts as one:
// fitler, tpo), two for options of six letters or more (fltr). Only names
// of two or more ASCII letters are taken for misspellings: one letter is
// too short to tell, and a name with a digit or punctuation (x-filter,
// api-version, top2) is a custom option made on purpose.
func nearestOption(key string) (string, bool) {
	if len(key) < 2 || strings.TrimLeft(key, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "", false
	}
	best, bestD := "", 3
	for _, opt := range nearOptions {
		limit := 1
		if len(opt) >= 6 {
			limit = 2
		}
		if d := editDistance(key, opt); d > 0 && d <= limit && d < bestD {
			best, bestD = opt, d
		}
	}
	return best, best != ""
}

// count reads the value of $top or $skip: digits only.
func (qp *queryParser) count(key, val string, span ast.Span, top bool) (int64, bool) {
	for i := 0; i < len(val); i++ {
		if val[i] < '0' || val[i] > '9' {
			qp.ds.Add(span, ast.CodeBadOption, "$%s must be a non-negative integer, not %q", key, val)
			return 0, false
		}
	}
	n, err := strconv.ParseInt(val, 10, 64)
	switch {
	case top && (err != nil || n > qp.lim.MaxTop):
		qp.ds.Add(span, ast.CodeTopTooLarge, "$top=%s is above %d, the largest page", val, qp.lim.MaxTop)
		return 0, false
	case err != nil:
		qp.ds.Add(span, ast.CodeBadOption, "$%s=%s is beyond the range of Edm.Int64", key, val)
		return 0, false
	}
	return n, true
}

func (qp *queryParser) alias(name string, nameSpan, valSpan ast.Span, hasValue bool) {
	n := name[1:]
	if !validAliasName(n) {
		qp.ds.Add(nameSpan, ast.CodeBadOption, "parameter alias %s is not a valid name", name)
		return
	}
	if _, dup := qp.q.Alias(n); dup || qp.seen[name] {
		qp.ds.Add(nameSpan, ast.CodeBadOption, "parameter alias %s is repeated; give it once", name)
		return
	}
	qp.seen[name] = true
	if !hasValue || valSpan.Len() == 0 {
		qp.ds.Add(nameSpan, ast.CodeBadOption, "parameter alias %s has no value", name)
		return
	}
	val, pos, ok := qp.decode(valSpan)
	if !ok {
		return
	}
	e, ds := parseExpr(val, pos, qp.lim)
	qp.ds = append(qp.ds, ds...)
	if e != nil {
		qp.q.Aliases = append(qp.q.Aliases, ast.Alias{Name: n, NameSpan: nameSpan, Value: e})
	}
}

// isOptionName reports whether a decoded custom option name can be one: it
// has no whitespace or control character, quote or parenthesis. OData's
// ABNF allows almost any text there, but such a name is a filter (or part
// of one) that lost its "$filter=", and ignoring it would return every
// record.
func isOptionName(name string) bool {
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c <= ' ' || c == 0x7f, strings.IndexByte("'\"()", c) >= 0:
			return false
		}
	}
	return true
}

// clipName shortens a long option name for a message, on a rune boundary.
func clipName(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

func validAliasName(n string) bool {
	if n == "" {
		return false
	}
	for i, r := range n {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// decode percent-decodes raw[span] ("+" is a space) and returns the text
// with a map from its offsets back to the raw query.
func (qp *queryParser) decode(span ast.Span) (string, positions, bool) {
	s := qp.q.Text[span.Start:span.End]
	if strings.IndexByte(s, '%') < 0 {
		if i := invalidAt(s); i >= 0 {
			qp.ds.Add(ast.Span{Start: span.Start + i, End: span.Start + i + 1}, ast.CodeSyntax,
				"invalid UTF-8 byte 0x%02x: a query string must be UTF-8 text", s[i])
			return "", nil, false
		}
		return strings.ReplaceAll(s, "+", " "), shift(span.Start), true
	}
	buf := make([]byte, 0, len(s))
	offs := make(offsets, 0, len(s)+1)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '+':
			c = ' '
		case '%':
			hi, lo := unhex(s, i+1), unhex(s, i+2)
			if hi < 0 || lo < 0 {
				qp.ds.Add(ast.Span{Start: span.Start + i, End: span.Start + min(i+3, len(s))}, ast.CodeBadEscape,
					"malformed escape %q: a %% must be followed by two hex digits (write %%25 for a percent sign)", s[i:min(i+3, len(s))])
				return "", nil, false
			}
			buf = append(buf, byte(hi<<4|lo))
			offs = append(offs, span.Start+i)
			i += 2
			continue
		}
		buf = append(buf, c)
		offs = append(offs, span.Start+i)
	}
	offs = append(offs, span.End)
	if i := invalidAt(string(buf)); i >= 0 {
		at := ast.Span{Start: offs[i], End: offs[i+1]}
		if qp.q.Text[at.Start] != '%' {
			qp.ds.Add(at, ast.CodeSyntax, "invalid UTF-8 byte 0x%02x: a query string must be UTF-8 text", buf[i])
			return "", nil, false
		}
		qp.ds.Add(at, ast.CodeBadEscape, "%s does not decode to UTF-8 text: escape each byte of a character's UTF-8 encoding (ö is %%C3%%B6)",
			qp.q.Text[at.Start:at.End])
		return "", nil, false
	}
	return string(buf), offs, true
}

func unhex(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	c := s[i]
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// shift maps decoded offsets that equal raw offsets less a base.
type shift int

func (s shift) at(off int) int { return int(s) + off }

// offsets maps each decoded byte to the raw offset it came from; the last
// entry is the end of the raw text.
type offsets []int

func (o offsets) at(off int) int {
	if off < 0 {
		return o[0]
	}
	if off >= len(o) {
		return o[len(o)-1]
	}
	return o[off]
}
