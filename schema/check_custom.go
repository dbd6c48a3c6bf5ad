package schema

import (
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

// customOptions rejects the custom query options named after a property of
// the model, filterable or not (riskScore=High, computerDnsName=x,
// exposureLevel=Low): OData ignores a custom option, so the filter the
// user meant would vanish and every machine would match. Both Machine
// models hold every property, so either model rejects the same names.
func (c *checker) customOptions(opts []ast.CustomOption) {
	for _, o := range opts {
		if f, ok := c.model.Lookup(o.Name); ok {
			c.propertyOption(o, f)
		}
	}
}

// propertyOption reports the custom option o, which names the field f, with
// the $filter to write instead when f is filterable.
func (c *checker) propertyOption(o ast.CustomOption, f *Field) {
	span := ast.Span{Start: o.NameSpan.Start, End: max(o.NameSpan.End, o.ValueSpan.End)}
	text := o.Name
	if o.HasValue {
		text += "=" + o.Value
	}
	if !f.Filterable {
		c.ds.Add(span, ast.CodeBadOption, "%s is not a filter but a custom option, which is ignored; "+
			"and %s cannot be filtered on: the filterable fields are %s%s",
			clip(text), f.Name, strings.Join(c.model.FilterableNames(), ", "), c.newerModel(f))
		return
	}
	want, ok := comparison(f, o.Value)
	if !ok {
		c.ds.Add(span, ast.CodeBadOption, "%s is not a filter but a custom option, which is ignored: write $filter=%s",
			clip(text), want)
		return
	}
	want = "$filter=" + want
	d := c.ds.Add(span, ast.CodeBadOption, "%s is not a filter but a custom option, which is ignored: write %s", clip(text), want)
	d.Suggestion = want
}

// comparison writes "field eq value" for the text of a custom option's
// value: quoted for a string or an enum (unless already quoted), as typed
// for a number, a date or a Boolean, and as an any() for a collection of
// strings. It returns false, and a pattern to fill in, when there is no
// value or it cannot be written as one comparison.
func comparison(f *Field, value string) (string, bool) {
	str := f.Type.Kind == KindCollection && f.Type.Elem.Kind == KindString
	switch {
	case f.Type.Kind == KindCollection && !str:
		return f.Name + "/any(a: ...)", false
	case value == "" && str:
		return f.Name + "/any(t: t eq VALUE)", false
	case value == "":
		return f.Name + " eq VALUE", false
	}
	lit := value
	switch f.Type.Kind {
	case KindString, KindGuid, KindEnum, KindCollection:
		if len(value) < 2 || value[0] != '\'' || value[len(value)-1] != '\'' {
			lit = "'" + strings.ReplaceAll(value, "'", "''") + "'"
		}
	}
	if str {
		return f.Name + "/any(t: t eq " + lit + ")", true
	}
	return f.Name + " eq " + lit, true
}
