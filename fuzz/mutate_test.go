package fuzz

import (
	"math/rand"
	"strings"
)

// mutationTokens are fragments that break or bend OData text: unbalanced
// brackets, quotes, operators without operands, malformed literals, stray
// escapes and bytes that are not UTF-8.
var mutationTokens = []string{
	"(", ")", "'", "''", "\"", "[", "]", "{", "}", ",", ":", "/", "-", "+", "@", "$", "=", "&", "%", "%2", "%zz", "%27",
	" ", "  ", "\t", "not ", " eq ", " and ", " in ", " add ", " divby ", "any(", "all(", "/any()", "/$count",
	"$it", "$it/", "null", "INF", "-INF", "NaN", "1e", "1.", ".5", "9223372036854775808", "-9223372036854775809",
	"1e400", "2020-13-45", "2024-02-30", "2024-02-29T25:00Z", "T", "Z", "duration'P", "duration'PT1.S'",
	"duration'P999999999D'", "cast(", "isof(", "case(", "Edm.", "Collection(", "geography'SRID=0;Point(1 2)'",
	"binary'AAA'", "Microsoft.WindowsDefenderATP.Api.RiskScore'", "'Hgh'", "\x00", "\xff", "é", "🙂",
	"((((((((((", "))))))))))", "not not not not ", "machineTags", "riskScore", "lastSeen", "rbacGroupId",
}

// mutate applies one to three random edits to s: delete, duplicate or
// swap a range, insert a token, or truncate.
func mutate(r *rand.Rand, s string) string {
	for n := 1 + r.Intn(3); n > 0; n-- {
		i := 0
		if len(s) > 0 {
			i = r.Intn(len(s) + 1)
		}
		j := i
		if len(s) > i {
			j = i + r.Intn(min(len(s)-i, 12)+1)
		}
		switch r.Intn(6) {
		case 0:
			s = s[:i] + s[j:]
		case 1:
			s = s[:j] + s[i:]
		case 2, 3:
			s = s[:i] + mutationTokens[r.Intn(len(mutationTokens))] + s[i:]
		case 4:
			if k := r.Intn(len(s) + 1); k < i {
				s = s[:k] + s[i:j] + s[k:i] + s[j:]
			}
		case 5:
			if r.Intn(3) == 0 {
				s = s[:i]
			} else {
				s = strings.Repeat("(", r.Intn(200)) + s
			}
		}
	}
	return s
}
