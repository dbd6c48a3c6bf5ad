package sqlfilter

import (
	"strconv"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// collection reports whether e is machineTags, the one collection the
// layout keeps (in TagsTable).
func (tr *translator) collection(e ast.Expr) (string, bool) {
	m, ok := e.(*ast.MemberExpr)
	if !ok {
		return "", false
	}
	f, ok := tr.c.Fields[m]
	return TagsTable, ok && f.Name == "machineTags"
}

// newAlias returns a new alias for TagsTable: t1, t2, ...
func (tr *translator) newAlias() string {
	tr.nvars++
	return "t" + strconv.Itoa(tr.nvars)
}

// tagsWhere is the SQL for "M has a tag row, aliased alias, for which b";
// negated, "it has none".
func tagsWhere(alias string, b bexp, none bool) bexp {
	op := " IN "
	if none {
		op = " NOT IN "
	}
	if b.k == -1 {
		if none {
			return sqlTrue
		}
		return sqlFalse
	}
	return bx(func(r *render) string {
		return M + ".ord" + op + "(SELECT " + alias + ".ord FROM " + TagsTable + " " + alias + " WHERE " + b.render(r) + ")"
	})
}

// lambda translates machineTags/any(t: p) and machineTags/all(t: p). Both
// are never null: any is true when p is true for some tag, all when p is
// true for every tag (a null p counts as not true). Their false
// translations are complements, so p must be exact; otherwise the whole
// lambda is left to eval.
func (tr *translator) lambda(e *ast.LambdaExpr) (cond, bool) {
	if _, ok := tr.collection(e.X); !ok {
		return cond{}, false
	}
	alias := tr.newAlias()
	if e.Predicate == nil { // any(): the collection is not empty
		return cond{tagsWhere(alias, sqlTrue, false), tagsWhere(alias, sqlTrue, true)}, true
	}
	tr.vars[e] = alias
	p, ok := tr.exact(e.Predicate)
	delete(tr.vars, e)
	if !ok {
		return cond{}, false
	}
	if e.Kind == ast.All {
		notTrue := isNotTrue(p.t)
		return cond{tagsWhere(alias, notTrue, true), tagsWhere(alias, notTrue, false)}, true
	}
	return cond{tagsWhere(alias, p.t, false), tagsWhere(alias, p.t, true)}, true
}

// in translates x in (list) and x in machineTags. It is never null: true
// when x eq some item is true (null in (null) is true).
func (tr *translator) in(ex, ey ast.Expr) (cond, bool) {
	if list, ok := tr.list(ey); ok && tr.typeOf(ex) == schema.TypeBoolean {
		return tr.inEach(ex, list)
	}
	x, ok := tr.value(ex)
	if !ok {
		return cond{}, false
	}
	if x.k == kEnum {
		x.k = kInt
	}
	if _, ok := tr.collection(ey); ok {
		if x.null || x.k != kString { // the tags are never null
			return condFalse, x.null
		}
		if x.konst { // 'a' in machineTags: the tags index finds the machines
			return tr.hasTag(x.str), true
		}
		alias := tr.newAlias()
		sub := func(op string) bexp {
			return bx(join(x.sql, text(op+"(SELECT "+alias+".tag FROM "+TagsTable+" "+alias+" WHERE "+alias+".ord = "+M+".ord)")))
		}
		return cond{sub(" IN "), or(isNull(x), sub(" NOT IN "))}, true
	}
	list, ok := tr.list(ey)
	if !ok {
		return cond{}, false
	}
	if c, ok := tr.inList(x, list); ok {
		return c, true
	}
	return tr.inEach(ex, list)
}

// inEach is x in (a, b, ...) as x eq a or x eq b or ...: eq is never null,
// so the false translation is the conjunction of the items' false ones.
func (tr *translator) inEach(ex ast.Expr, list *ast.ListExpr) (cond, bool) {
	var t, f []bexp
	for _, it := range list.Elems {
		c, ok := tr.compare(ast.OpEq, ex, it)
		if !ok {
			return cond{}, false
		}
		t, f = append(t, c.t), append(f, c.f)
	}
	return cond{or(t...), and(f...)}, true
}

// inList is x in (a, b, ...) as SQL IN, when the items are constants of
// x's kind (or null).
func (tr *translator) inList(x scalar, list *ast.ListExpr) (cond, bool) {
	if x.null { // null in (...): inEach tests each item for null
		return cond{}, false
	}
	var items []frag
	hasNull := false
	for _, it := range list.Elems {
		v, ok := tr.value(it)
		if !ok {
			return cond{}, false
		}
		if v.k == kEnum {
			v.k = kInt
		}
		switch {
		case v.null:
			hasNull = true
		case !v.konst || v.k != x.k || v.k == kInstant || v.k == kFloat || v.k == kDuration || v.k == kGuid:
			return cond{}, false
		default:
			items = append(items, v.sql)
		}
	}
	t, f := sqlFalse, sqlTrue
	if len(items) > 0 {
		set := func(op string) bexp {
			return bx(func(r *render) string {
				s := x.sql(r) + op + "("
				for i, it := range items {
					if i > 0 {
						s += ", "
					}
					s += it(r)
				}
				return s + ")"
			})
		}
		t, f = set(" IN "), set(" NOT IN ")
	}
	if hasNull {
		return cond{or(t, isNull(x)), and(f, isNotNull(x))}, true
	}
	return cond{t, or(f, isNull(x))}, true
}

// list returns the list e stands for: e itself or the value of the alias
// it names.
func (tr *translator) list(e ast.Expr) (*ast.ListExpr, bool) {
	for range 64 {
		switch x := e.(type) {
		case *ast.ListExpr:
			return x, true
		case *ast.AliasExpr:
			v, ok := tr.c.Aliases[x]
			if !ok {
				return nil, false
			}
			e = v
		default:
			return nil, false
		}
	}
	return nil, false
}

// subsetItems reads an argument of hassubset or hassubsequence: a list of
// string constants and nulls (nil for null), or machineTags (tags true).
func (tr *translator) subsetItems(e ast.Expr) (items []*string, tags, ok bool) {
	if _, ok := tr.collection(e); ok {
		return nil, true, true
	}
	list, ok := tr.list(e)
	if !ok {
		return nil, false, false
	}
	for _, el := range list.Elems {
		v, ok := tr.value(el)
		switch {
		case !ok:
			return nil, false, false
		case v.null:
			items = append(items, nil)
		case v.k == kString && v.konst:
			items = append(items, &v.str)
		default:
			return nil, false, false
		}
	}
	return items, false, true
}

// subset translates hassubset(a, b) (every item of b equals an item of a)
// and hassubsequence(a, b) (in the same order), never null; null equals
// null. Lists are folded; machineTags against a list becomes tag lookups.
func (tr *translator) subset(e *ast.CallExpr) (cond, bool) {
	if len(e.Args) != 2 {
		return cond{}, false
	}
	seq := e.Name == "hassubsequence"
	a, aTags, ok := tr.subsetItems(e.Args[0])
	if !ok {
		return cond{}, false
	}
	b, bTags, ok := tr.subsetItems(e.Args[1])
	if !ok {
		return cond{}, false
	}
	same := func(x, y *string) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	switch {
	case aTags && bTags: // a collection against itself
		return condTrue, true
	case !aTags && !bTags:
		if seq {
			i := 0
			for _, v := range a {
				if i < len(b) && same(b[i], v) {
					i++
				}
			}
			return boolCond(i == len(b)), true
		}
		for _, v := range b {
			found := false
			for _, w := range a {
				found = found || same(v, w)
			}
			if !found {
				return condFalse, true
			}
		}
		return condTrue, true
	case aTags: // every item of b is a tag (in order: only for one item)
		if seq && len(b) > 1 {
			return cond{}, false
		}
		t, f := []bexp{}, []bexp{}
		for _, v := range b {
			if v == nil { // the tags are never null
				return condFalse, true
			}
			c := tr.hasTag(*v)
			t, f = append(t, c.t), append(f, c.f)
		}
		return cond{and(t...), or(f...)}, true
	}
	// Every tag is an item of a.
	if seq {
		return cond{}, false
	}
	var items []frag
	for _, v := range a {
		if v != nil {
			items = append(items, bindString(*v))
		}
	}
	alias := tr.newAlias()
	other := bx(func(r *render) string { // a tag that is no item of a
		if len(items) == 0 {
			return "TRUE"
		}
		s := alias + ".tag NOT IN ("
		for i, it := range items {
			if i > 0 {
				s += ", "
			}
			s += it(r)
		}
		return s + ")"
	})
	return cond{tagsWhere(alias, other, true), tagsWhere(alias, other, false)}, true
}

// hasTag is 'v' in machineTags, which the tags index answers.
func (tr *translator) hasTag(v string) cond {
	alias := tr.newAlias()
	eq := bx(join(text(alias+".tag = "), bindString(v)))
	return cond{tagsWhere(alias, eq, false), tagsWhere(alias, eq, true)}
}

func boolCond(b bool) cond {
	if b {
		return condTrue
	}
	return condFalse
}
