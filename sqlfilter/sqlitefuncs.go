package sqlfilter

import (
	"database/sql/driver"
	"errors"
	"regexp"
	"strings"
	"sync"
)

// SQLiteFunction is a scalar function that translated SQLite statements call
// and the driver must register (internal/sqlitefunc does, for
// modernc.org/sqlite): pure Go, deterministic, over driver values.
type SQLiteFunction struct {
	Name string // the SQL name
	Args int32  // the number of arguments
	Func func(args []driver.Value) (driver.Value, error)
}

// The names of the SQLite functions translations call.
const (
	fnLower  = "odatafilter_tolower"
	fnUpper  = "odatafilter_toupper"
	fnRegexp = "odatafilter_matchespattern"
)

// SQLiteFunctions returns the functions translated SQLite statements may
// call: tolower and toupper with Go's Unicode case mapping (SQLite's lower
// and upper fold ASCII only), and matchesPattern with Go's RE2 regular
// expressions, as the evaluator has them. Each gives NULL for a NULL
// argument.
func SQLiteFunctions() []SQLiteFunction {
	return []SQLiteFunction{
		{Name: fnLower, Args: 1, Func: stringFunc(strings.ToLower)},
		{Name: fnUpper, Args: 1, Func: stringFunc(strings.ToUpper)},
		{Name: fnRegexp, Args: 2, Func: matchesPattern},
	}
}

func stringFunc(f func(string) string) func([]driver.Value) (driver.Value, error) {
	return func(args []driver.Value) (driver.Value, error) {
		s, ok, err := textArg(args[0])
		if !ok || err != nil {
			return nil, err
		}
		return f(s), nil
	}
}

// textArg reads a TEXT (or NULL) argument.
func textArg(v driver.Value) (string, bool, error) {
	switch v := v.(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case []byte:
		return string(v), true, nil
	}
	return "", false, errors.New("sqlfilter: a string function got a non-text argument")
}

// matchesPattern is matchesPattern(subject, pattern) with the arguments in
// SQL REGEXP's order: 1 or 0, NULL when either is NULL or the pattern is
// not a valid RE2 expression. Translations pass only constant patterns,
// which the checker and the evaluator have already accepted.
func matchesPattern(args []driver.Value) (driver.Value, error) {
	pat, ok, err := textArg(args[0])
	if !ok || err != nil {
		return nil, err
	}
	s, ok, err := textArg(args[1])
	if !ok || err != nil {
		return nil, err
	}
	re := patterns.get(pat)
	if re == nil {
		return nil, nil
	}
	if re.MatchString(s) {
		return int64(1), nil
	}
	return int64(0), nil
}

// patterns caches compiled patterns, a bounded number of them: a server
// sees a pattern in one query after another.
var patterns = &patternCache{m: map[string]*regexp.Regexp{}}

type patternCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

func (c *patternCache) get(pat string) *regexp.Regexp {
	c.mu.Lock()
	defer c.mu.Unlock()
	if re, ok := c.m[pat]; ok {
		return re
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		re = nil
	}
	if len(c.m) >= 256 {
		clear(c.m)
	}
	c.m[pat] = re
	return re
}
