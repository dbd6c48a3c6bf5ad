package eval

import (
	"math"
	"slices"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

func (p *planner) call(e *ast.CallExpr) any {
	if n := p.stringCall(e); n != nil {
		return n
	}
	if n := p.timeCall(e); n != nil {
		return n
	}
	switch e.Name {
	case "round", "floor", "ceiling":
		fn := map[string]func(float64) float64{"round": math.Round, "floor": math.Floor, "ceiling": math.Ceil}[e.Name]
		return rounding{fn, p.float(e.Args[0])}
	case "hassubset", "hassubsequence":
		return subset{e.Name == "hassubsequence", p.items(e.Args[0]), p.items(e.Args[1])}
	case "cast":
		return p.cast(e)
	case "isof":
		return p.isof(e)
	}
	p.fail(e, "cannot plan function %s", e.Name)
	return constBool(tNull)
}

// items plans a string collection whose items may be null: a field (whose
// items never are) or a JSON array.
func (p *planner) items(e ast.Expr) node[[]item] {
	list, ok := p.listOf(e)
	if !ok {
		return fieldItems{typed[[]string](p, e)}
	}
	items := make(stringList, len(list.Elems))
	for i, el := range list.Elems {
		items[i] = typed[string](p, el)
	}
	return items
}

// item is a string that may be null.
type item struct {
	v  string
	ok bool
}

// fieldItems reads a string collection as items.
type fieldItems struct{ x node[[]string] }

func (n fieldItems) eval(m *schema.Machine, f *frame) ([]item, bool) {
	c, _ := n.x.eval(m, f)
	out := make([]item, len(c))
	for i, v := range c {
		out[i] = item{v, true}
	}
	return out, true
}

// stringList is a JSON array of strings.
type stringList []node[string]

func (n stringList) eval(m *schema.Machine, f *frame) ([]item, bool) {
	out := make([]item, len(n))
	for i, x := range n {
		if v, ok := x.eval(m, f); ok {
			out[i] = item{v, true}
		}
	}
	return out, true
}

type rounding struct {
	fn func(float64) float64
	x  node[float64]
}

func (n rounding) eval(m *schema.Machine, f *frame) (float64, bool) {
	x, ok := n.x.eval(m, f)
	return n.fn(x), ok
}

// subset is hassubset (every item of y equals an item of x) or
// hassubsequence (the items of y equal items of x in the same order); null
// equals null, as with eq.
type subset struct {
	seq  bool
	x, y node[[]item]
}

func (n subset) b(m *schema.Machine, f *frame) tri {
	x, _ := n.x.eval(m, f)
	y, _ := n.y.eval(m, f)
	work := len(x) + len(y)
	if !n.seq {
		work = len(x) * len(y) // a search of x for each item of y
	}
	if f.spend(work) {
		return tNull
	}
	if !n.seq {
		for _, v := range y {
			if !slices.Contains(x, v) {
				return tFalse
			}
		}
		return tTrue
	}
	i := 0
	for _, v := range x {
		if i < len(y) && y[i] == v {
			i++
		}
	}
	return triOf(i == len(y))
}

// nonEmpty is any() without a predicate.
type nonEmpty struct{ x node[[]string] }

func (n nonEmpty) b(m *schema.Machine, f *frame) tri {
	x, _ := n.x.eval(m, f)
	return triOf(len(x) > 0)
}

// lambda is any or all with a range variable.
type lambda struct {
	coll node[[]string]
	pred boolNode
	slot int
	all  bool
}

func (n lambda) b(m *schema.Machine, f *frame) tri {
	c, _ := n.coll.eval(m, f)
	for _, v := range c {
		if f.spend(1) {
			return tNull
		}
		f.vars[n.slot] = v
		r := n.pred.b(m, f) == tTrue
		if r != n.all {
			return triOf(r)
		}
	}
	return triOf(n.all)
}

type count struct{ x node[[]string] }

func (n count) eval(m *schema.Machine, f *frame) (int64, bool) {
	x, _ := n.x.eval(m, f)
	return int64(len(x)), true
}
