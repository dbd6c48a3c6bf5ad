package ast

import "strconv"

// Debug returns a compact, unambiguous form of e for test tables and error
// messages, in the manner of cel-go's common/debug. It differs from Format in
// three ways: every binary and unary expression is wrapped in parentheses
// whatever the precedence, literals show their kind, and type names are
// marked. The forms are:
//
//	BinaryExpr         (X op Y)                 ((a eq Edm.Int64(1)) and (not b))
//	UnaryExpr          (not X), (-X)            (-Edm.Int64(1))
//	MemberExpr         Name, X/Name             a/b/$it
//	LambdaExpr         X/any(v:P), X/all()      a/any(t:(t eq Edm.String('x')))
//	CountExpr          X/$count, X/$count($filter=F)
//	FilterSegmentExpr  X/$filter(P)
//	CallExpr           name(args), X/Name(args,p=v)
//	TypeExpr           <Name>, <Collection(Name)>
//	CaseExpr           case(c:v,c:v)
//	ListExpr           (a,b), [a,b] for a JSON array
//	ObjectExpr         {"name":v,"name":v}
//	AliasExpr          @name
//	Literal            Kind(Raw): Edm.String('x'), null(null), enum(Ns.T'M')
//	nil                <nil>
//
// Operator keywords and canonical function names are lower case; there are
// no spaces except around binary operators. A literal's Value and Problem are
// not shown. The format is stable: tests compare against it.
func Debug(e Expr) string {
	return DebugAnnotated(e, nil)
}

// DebugAnnotated is Debug with a note after each node: when note returns a
// non-empty string for a node, "~" and the string follow the node's text, as
// in "(a~Edm.String eq Edm.String('x')~Edm.String)~Edm.Boolean". A checker's
// tests can note types; SpanNote notes spans. A nil note adds nothing.
func DebugAnnotated(e Expr, note func(Expr) string) string {
	d := debugPrinter{note: note}
	d.expr(e)
	return string(d.buf)
}

// SpanNote returns the span of e as "start:end", for DebugAnnotated; "" for
// a nil e.
func SpanNote(e Expr) string {
	if isNilNode(e) {
		return ""
	}
	s := e.Span()
	return strconv.Itoa(s.Start) + ":" + strconv.Itoa(s.End)
}

type debugPrinter struct {
	buf  []byte
	note func(Expr) string
}

func (d *debugPrinter) str(s string) { d.buf = append(d.buf, s...) }

func (d *debugPrinter) expr(e Expr) {
	if isNilNode(e) {
		d.str("<nil>")
		return
	}
	switch e := e.(type) {
	case *BinaryExpr:
		d.str("(")
		d.expr(e.X)
		d.str(" " + e.Op.String() + " ")
		d.expr(e.Y)
		d.str(")")
	case *UnaryExpr:
		d.str("(" + e.Op.String())
		if e.Op != OpNeg {
			d.str(" ")
		}
		d.expr(e.X)
		d.str(")")
	case *MemberExpr:
		d.path(e.X)
		d.str(e.Name)
	case *LambdaExpr:
		d.path(e.X)
		d.str(e.Kind.String() + "(")
		if !isNilNode(e.Predicate) {
			d.str(e.Var + ":")
			d.expr(e.Predicate)
		}
		d.str(")")
	case *CountExpr:
		d.path(e.X)
		d.str("$count")
		if !isNilNode(e.Filter) {
			d.str("($filter=")
			d.expr(e.Filter)
			d.str(")")
		}
	case *FilterSegmentExpr:
		d.path(e.X)
		d.str("$filter(")
		d.expr(e.Predicate)
		d.str(")")
	case *CallExpr:
		d.path(e.X)
		d.str(e.Name + "(")
		for i, a := range e.Args {
			d.comma(i)
			d.expr(a)
		}
		for i, a := range e.Named {
			d.comma(len(e.Args) + i)
			d.str(a.Name + "=")
			d.expr(a.Value)
		}
		d.str(")")
	case *TypeExpr:
		if e.Collection {
			d.str("<Collection(" + e.Name + ")>")
		} else {
			d.str("<" + e.Name + ">")
		}
	case *CaseExpr:
		d.str("case(")
		for i, c := range e.Clauses {
			d.comma(i)
			d.expr(c.Cond)
			d.str(":")
			d.expr(c.Value)
		}
		d.str(")")
	case *ListExpr:
		lpar, rpar := "(", ")"
		if e.JSON {
			lpar, rpar = "[", "]"
		}
		d.str(lpar)
		for i, x := range e.Elems {
			d.comma(i)
			d.expr(x)
		}
		d.str(rpar)
	case *ObjectExpr:
		d.str("{")
		for i, m := range e.Members {
			d.comma(i)
			d.buf = appendJSONString(d.buf, m.Name)
			d.str(":")
			d.expr(m.Value)
		}
		d.str("}")
	case *AliasExpr:
		d.str("@" + e.Name)
	case *Literal:
		d.str(e.Kind.String() + "(" + e.Raw + ")")
	}
	if d.note != nil {
		if n := d.note(e); n != "" {
			d.str("~" + n)
		}
	}
}

func (d *debugPrinter) path(x Expr) {
	if isNilNode(x) {
		return
	}
	d.expr(x)
	d.str("/")
}

func (d *debugPrinter) comma(i int) {
	if i > 0 {
		d.str(",")
	}
}
