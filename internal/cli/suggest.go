package cli

import (
	"flag"
	"strings"
)

// didYouMean returns " (did you mean X?)" for the candidate nearest to
// name by edit distance, when it is near enough to be a typo: at most a
// third of name's length, at least 1, 2 for names of 5 or more (the
// checker's rule for field names). Otherwise it returns "".
func didYouMean(name string, candidates []string, prefix string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := distance(strings.ToLower(name), strings.ToLower(c)); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, len(name)/3)
	if len(name) >= 5 {
		limit = max(limit, 2)
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return " (did you mean " + prefix + best + "?)"
}

// distance is the Levenshtein distance between a and b, over bytes,
// counting an adjacent transposition as one edit.
func distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// commandNames are the names "odatafilter NAME" accepts, for "did you
// mean".
func commandNames() []string {
	names := []string{"help", "version"}
	for _, c := range commands {
		names = append(names, c.name)
	}
	return names
}

// flagHint is " (did you mean --X?)" for an unknown flag -name or --name
// of fs.
func flagHint(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) > 1 {
			names = append(names, f.Name)
		}
	})
	names = append(names, "help")
	if len(name) <= 1 {
		return ""
	}
	return didYouMean(name, names, "--")
}
