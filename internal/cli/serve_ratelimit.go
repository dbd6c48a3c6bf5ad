package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/server"
)

// rateLimitFlag is the --rate-limit SPEC flag: the limits of every SPEC
// given (repeatable; every limit applies).
type rateLimitFlag struct {
	limits []server.RateLimit
}

func (*rateLimitFlag) repeatable() {}

// String is the limits as a SPEC, for the start-up line.
func (f *rateLimitFlag) String() string {
	parts := make([]string, len(f.limits))
	for i, l := range f.limits {
		parts[i] = strconv.Itoa(l.Requests) + "/" + rateUnitName(l.Per)
	}
	return strings.Join(parts, ",")
}

// Set adds the limits of one SPEC.
func (f *rateLimitFlag) Set(v string) error {
	limits, err := parseRateLimits(v)
	if err != nil {
		return err
	}
	f.limits = append(f.limits, limits...)
	return nil
}

// rateUnits are the units a SPEC may name, and their windows.
var rateUnits = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second,
	"min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hour": time.Hour,
}

// rateLimitSyntax ends the errors of a SPEC.
const rateLimitSyntax = "(want COUNT/UNIT,... such as 100/min,1500/hour, or defender)"

// parseRateLimits parses a SPEC: "defender" for Defender's limits, or a
// comma-separated list of COUNT/UNIT, where COUNT is a positive decimal
// integer and UNIT one of s, sec, second, min, minute, h, hour. Space
// around a limit is ignored. An error names the part that is wrong.
func parseRateLimits(spec string) ([]server.RateLimit, error) {
	if spec == "defender" {
		return slices.Clone(server.DefenderRateLimits), nil
	}
	if strings.TrimSpace(spec) == "" {
		return nil, fmt.Errorf("no limit given %s", rateLimitSyntax)
	}
	var limits []server.RateLimit
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		count, unit, ok := strings.Cut(part, "/")
		if !ok {
			if part == "" {
				return nil, fmt.Errorf("empty limit in %q %s", spec, rateLimitSyntax)
			}
			return nil, fmt.Errorf("limit %q has no unit %s", part, rateLimitSyntax)
		}
		n, err := strconv.Atoi(count)
		if err != nil || n <= 0 || strings.Trim(count, "0123456789") != "" {
			return nil, fmt.Errorf("limit %q: the count %q is not a positive integer", part, count)
		}
		per, ok := rateUnits[unit]
		if !ok {
			return nil, fmt.Errorf("limit %q: unknown unit %q (want s, min or h; or sec, second, minute, hour)", part, unit)
		}
		limits = append(limits, server.RateLimit{Requests: n, Per: per})
	}
	return limits, nil
}

// rateUnitName is the shortest unit of a SPEC for per, or per itself.
func rateUnitName(per time.Duration) string {
	switch per {
	case time.Second:
		return "s"
	case time.Minute:
		return "min"
	case time.Hour:
		return "h"
	}
	return per.String()
}
