package schema

import "strings"

// nearest returns the candidate closest to name by edit distance, ignoring
// ASCII case, when it is close enough to be a plausible typo: at most a third
// of the name's length, and at least 1, 2 for names of 5 or more.
func nearest(name string, candidates []string) (string, bool) {
	best, bestD := "", -1
	low := strings.ToLower(name)
	for _, c := range candidates {
		d := distance(low, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, len(name)/3)
	if len(name) >= 5 {
		limit = max(limit, 2)
	}
	return best, bestD >= 0 && bestD <= limit
}

// distance is the Levenshtein distance between a and b, over bytes (names
// are ASCII), counting an adjacent transposition as one edit.
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
