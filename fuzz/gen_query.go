package fuzz

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"time"

	"github.com/leanovate/gopter"
)

// TestClock is the instant the properties give now(), in the eval
// Program's clock and in the reference alike. Generated machines are seen
// around it.
var TestClock = time.Date(2024, 6, 15, 12, 30, 45, 123456789, time.UTC)

// GenQuery generates raw query strings, as in url.URL.RawQuery: a $filter
// (usually), $top from 0 to 10,000 and $skip from 0 to very large (each
// sometimes), parameter aliases the filter uses, and now and then a custom
// option, in any order, with option names in any case and with or without
// "$". Values are percent-encoded in one of three ways: everything escaped
// with "+" for spaces, only what must be escaped with "+" for spaces, or
// only what must be escaped with %20 for spaces.
func GenQuery() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(randomQuery(p.Rng, 4), gopter.NoShrinker)
	}
}

func randomQuery(r *rand.Rand, depth int) string {
	var opts []string
	style := r.Intn(3)
	name := func(n string) string {
		switch r.Intn(6) {
		case 0:
			return strings.ToUpper(n)
		case 1:
			return strings.TrimPrefix(n, "$")
		case 2:
			return "%24" + n[1:]
		}
		return n
	}
	if r.Intn(8) != 0 {
		var aliases []aliasDef
		g := &exprGen{r: r, aliases: &aliases}
		opts = append(opts, name("$filter")+"="+encodeValue(g.filter(depth), style))
		for _, a := range aliases {
			opts = append(opts, "@"+a.name+"="+encodeValue(a.value, style))
		}
	}
	if r.Intn(3) != 0 {
		top := r.Intn(10001)
		if r.Intn(2) == 0 {
			top = r.Intn(60)
		}
		opts = append(opts, name("$top")+"="+strconv.Itoa(top))
	}
	if r.Intn(3) != 0 {
		skip := strconv.Itoa(r.Intn(60))
		switch r.Intn(6) {
		case 0:
			skip = "9223372036854775807"
		case 1:
			skip = strconv.FormatInt(r.Int63(), 10)
		case 2:
			skip = "0"
		}
		opts = append(opts, name("$skip")+"="+skip)
	}
	if r.Intn(6) == 0 {
		opts = append(opts, "api-version=1.0")
	}
	r.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
	q := strings.Join(opts, "&")
	if r.Intn(5) == 0 {
		q = "?" + q
	}
	return q
}

// encodeValue percent-encodes a query option value. style 0 escapes every
// byte outside the unreserved set (spaces as "+", like url.QueryEscape);
// style 1 escapes only what the query syntax needs ("%", "&", "+", "#",
// controls) and writes spaces as "+"; style 2 is style 1 with "%20".
// Non-ASCII text stays raw UTF-8 in styles 1 and 2.
func encodeValue(s string, style int) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' && style != 2:
			b.WriteByte('+')
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case style != 0 && c >= 0x80:
			b.WriteByte(c)
		case style != 0 && c > ' ' && c < 0x7f && !strings.ContainsRune("%&+#", rune(c)):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
