package schema

import "github.com/odatafilter/odatafilter/ast"

func (c *checker) unary(e *ast.UnaryExpr, s *scope) *Type {
	t := c.expr(e.X, s)
	switch {
	case t == nil || t == TypeNull:
		return t
	case e.Op == ast.OpNot && t == TypeBoolean:
		return t
	case e.Op == ast.OpNeg && (t.isNumeric() || t == TypeDuration):
		return t
	case e.Op == ast.OpNot:
		c.operandType(e.X, "the operand of not", t, "Edm.Boolean")
	default:
		c.operandType(e.X, "the operand of -", t, "a number or a duration")
	}
	return nil
}

func (c *checker) binary(e *ast.BinaryExpr, s *scope) *Type {
	switch e.Op {
	case ast.OpAnd, ast.OpOr:
		return c.logical(e, s)
	case ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe:
		if c.notBindsTighter(e, s) {
			return nil
		}
		x, y := c.pair(e.X, e.Y, s)
		if x == nil || y == nil {
			return nil
		}
		if !c.comparable(e, x, y) {
			return nil
		}
		return TypeBoolean
	case ast.OpHas:
		x := c.expr(e.X, s)
		c.expr(e.Y, s)
		if x != nil {
			c.mismatch(e.OpSpan, "has needs a flags enum on its left, but %s is %s; no Machine enum is a flags enum (use eq or in)", ast.Format(e.X), x)
		}
		return nil
	case ast.OpIn:
		return c.in(e, s)
	}
	return c.arithmetic(e, s)
}

// pair checks the operands of a comparison; a string literal on either side
// takes the type of the other side when that is an enum.
func (c *checker) pair(x, y ast.Expr, s *scope) (*Type, *Type) {
	if c.isStringLit(x) && !c.isStringLit(y) {
		ty := c.expr(y, s)
		return c.hinted(x, s, ty), ty
	}
	tx := c.expr(x, s)
	return tx, c.hinted(y, s, tx)
}

func (c *checker) logical(e *ast.BinaryExpr, s *scope) *Type {
	ok := true
	for _, side := range []ast.Expr{e.X, e.Y} {
		t := c.expr(side, s)
		if t == nil {
			ok = false
		} else if t != TypeBoolean && t != TypeNull {
			c.operandType(side, "an operand of "+e.Op.String(), t, "Edm.Boolean")
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return TypeBoolean
}

// comparable reports whether x and y may be compared with e.Op, and says why
// not when they may not.
func (c *checker) comparable(e *ast.BinaryExpr, x, y *Type) bool {
	if !sameFamily(x, y) {
		if !c.quotedValue(e, x, y) {
			c.cannotCompare(e, x, y)
		}
		return false
	}
	if e.Op == ast.OpEq || e.Op == ast.OpNe {
		return true
	}
	for _, t := range []*Type{x, y} {
		if t != TypeNull && !t.isOrdered() {
			c.unordered(e, t)
			return false
		}
	}
	return true
}

// sameFamily reports whether values of x and y can be equal: the same type,
// two numbers, a date and a DateTimeOffset (midnight UTC of the date), or
// null and anything that is not a collection.
func sameFamily(x, y *Type) bool {
	switch {
	case x.IsCollection() || y.IsCollection() || x == TypeEntity || y == TypeEntity:
		return false
	case x == TypeNull || y == TypeNull || x == y:
		return true
	case x.Kind == KindEnum && y.Kind == KindEnum:
		return x.Enum == y.Enum
	case x.isNumeric() && y.isNumeric():
		return true
	case x.isTemporal() && y.isTemporal():
		return true
	}
	return false
}

func (c *checker) in(e *ast.BinaryExpr, s *scope) *Type {
	x := c.expr(e.X, s)
	if x != nil && (x.IsCollection() || x == TypeEntity) {
		c.mismatch(e.X.Span(), "the left side of in must be a single value, not %s", x)
		x = nil // and check the right side on its own
	}
	if list, via := c.list(e.Y); list != nil {
		okAll := x != nil
		for _, el := range list.Elems {
			t := c.hinted(el, s, x)
			if t == nil || x == nil {
				okAll = false
				continue
			}
			if !sameFamily(x, t) {
				msg := "cannot look for " + x.String() + " among " + t.String() + " values"
				if lit := stringLit(el); lit == nil {
					c.mismatch(el.Span(), "%s", msg)
				} else if d := c.quotedAs(lit, x); d == nil {
					c.mismatch(el.Span(), "%s", msg)
				} else {
					d.Message = msg + ": " + d.Message
				}
				okAll = false
			}
		}
		c.typed(list, collectionOf(x))
		for _, a := range via {
			c.typed(a, collectionOf(x))
		}
		if !okAll {
			return nil
		}
		return TypeBoolean
	}
	y := c.expr(e.Y, s)
	if x == nil || y == nil {
		return nil
	}
	if !y.IsCollection() {
		c.mismatch(e.Y.Span(), "the right side of in must be a list or a collection, not %s", y)
		return nil
	}
	if !sameFamily(x, y.Elem) {
		c.mismatch(e.OpSpan, "cannot look for %s in %s", x, y)
		return nil
	}
	return TypeBoolean
}

// arithmetic types add, sub, mul, div, divby and mod as OData 4.01 does:
// numbers promote Int64 < Decimal < Double; a DateTimeOffset (or a date)
// plus or minus a Duration is a DateTimeOffset (or a date); durations add
// and subtract; two DateTimeOffsets (or two dates) subtract to a Duration; a
// Duration multiplies by a number and divides by one. div of two Int64 values
// is integer division; divby always divides as a Decimal (or Double).
func (c *checker) arithmetic(e *ast.BinaryExpr, s *scope) *Type {
	x, y := c.expr(e.X, s), c.expr(e.Y, s)
	if x == nil || y == nil {
		return nil
	}
	switch {
	case x == TypeNull && y == TypeNull:
		return TypeNull
	case x == TypeNull || y == TypeNull:
		// null stands for a value of any type: a number takes the other
		// number's type; beside a date, a time or a duration the null could
		// be one of several types, and the result is null whichever it is.
		other := x
		if x == TypeNull {
			other = y
		}
		switch {
		case other.isNumeric():
			x, y = other, other
		case takesTemporal(e.Op, other):
			return TypeNull
		default:
			c.mismatch(e.OpSpan, "%s does not apply to %s and %s", e.Op, x, y)
			return nil
		}
	}
	if x.isNumeric() && y.isNumeric() {
		t := promote(x, y)
		if e.Op == ast.OpDivBy && t == TypeInt64 {
			t = TypeDecimal
		}
		if (e.Op == ast.OpDiv || e.Op == ast.OpMod) && t == TypeInt64 && c.literalZero(e.Y) {
			c.divisionByZero(e)
			return nil
		}
		return t
	}
	switch e.Op {
	case ast.OpAdd:
		switch {
		case x.isTemporal() && y == TypeDuration, x == TypeDuration && y == TypeDuration:
			return x
		}
	case ast.OpSub:
		switch {
		case x.isTemporal() && y == TypeDuration, x == TypeDuration && y == TypeDuration:
			return x
		case x == TypeDateTimeOffset && y == TypeDateTimeOffset, x == TypeDate && y == TypeDate:
			return TypeDuration
		}
	case ast.OpMul:
		switch {
		case x == TypeDuration && y.isNumeric(), x.isNumeric() && y == TypeDuration:
			return TypeDuration
		}
	case ast.OpDiv, ast.OpDivBy:
		if x == TypeDuration && y.isNumeric() {
			return TypeDuration
		}
	}
	c.mismatch(e.OpSpan, "%s does not apply to %s and %s", e.Op, x, y)
	return nil
}

// literalZero reports whether e is the Int64 literal 0, written in place or
// as the value of an alias (through a chain of aliases). A computed zero,
// such as 1 sub 1, is not: its division is null at evaluation.
func (c *checker) literalZero(e ast.Expr) bool {
	for range len(c.aliases) + 1 {
		a, ok := e.(*ast.AliasExpr)
		if !ok {
			break
		}
		if e, ok = c.aliasValue(a.Name); !ok {
			return false
		}
	}
	lit, ok := e.(*ast.Literal)
	return ok && lit.Kind == ast.LitInt && lit.Value == int64(0)
}

// takesTemporal reports whether op has an overload in which an operand of
// type t (a date, a DateTimeOffset or a duration) meets some other operand.
func takesTemporal(op ast.BinaryOp, t *Type) bool {
	switch op {
	case ast.OpAdd, ast.OpSub:
		return t.isTemporal() || t == TypeDuration
	case ast.OpMul, ast.OpDiv, ast.OpDivBy:
		return t == TypeDuration
	}
	return false
}

// promote returns the wider of two numeric types.
func promote(x, y *Type) *Type {
	if x == TypeDouble || y == TypeDouble {
		return TypeDouble
	}
	if x == TypeDecimal || y == TypeDecimal {
		return TypeDecimal
	}
	return TypeInt64
}
