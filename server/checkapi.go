package server

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/odatafilter/odatafilter/check"
)

// checkPath is the route of the explorer's checker.
const checkPath = "/api/check"

// isCheckPath reports whether path is GET /api/check, without regard to
// ASCII case, as the machines routes match.
func isCheckPath(path string) bool { return strings.EqualFold(path, checkPath) }

// check answers GET /api/check?q=QUERY[&model=2018|2021]: 200 with the
// document "odatafilter check --json --model MODEL QUERY" prints (see
// check.Document), valid or not. Without model it checks against the
// handler's own model, the one GET /api/machines uses. Any other
// parameter is a 400 that names it, as OData services answer an unknown
// $-option: ignoring "modle=2021" would check against another model than
// asked, and "$filter=..." sent here instead of in q would check nothing.
func (x *exchange) check() {
	if x.r.Method != http.MethodGet && x.r.Method != http.MethodHead {
		x.w.Header().Set("Allow", "GET, HEAD")
		x.fail(http.StatusMethodNotAllowed, codeMethodNotAllowed,
			"The method "+x.r.Method+" is not allowed: use GET")
		return
	}
	params, err := url.ParseQuery(x.r.URL.RawQuery)
	if err != nil {
		x.fail(http.StatusBadRequest, codeInvalidInput, "The query string of "+checkPath+" is malformed: "+err.Error())
		return
	}
	if msg := unknownCheckParam(params); msg != "" {
		x.fail(http.StatusBadRequest, codeInvalidInput, msg)
		return
	}
	q := params["q"]
	if len(q) != 1 {
		x.fail(http.StatusBadRequest, codeInvalidInput,
			checkPath+" takes exactly one q parameter, the filter or query string to check, percent-encoded")
		return
	}
	model := x.h.opts.Model
	switch names := params["model"]; {
	case len(names) > 1:
		x.fail(http.StatusBadRequest, codeInvalidInput, checkPath+" takes at most one model parameter")
		return
	case len(names) == 1:
		m, ok := check.Models[names[0]]
		if !ok {
			x.fail(http.StatusBadRequest, codeInvalidInput, "Unknown model '"+names[0]+"': use 2018 or 2021")
			return
		}
		model = m
	}
	x.w.Header().Set("Content-Type", "application/json; charset=utf-8")
	x.w.Header().Set("Cache-Control", "no-store")
	x.w.WriteHeader(http.StatusOK)
	if x.r.Method == http.MethodGet {
		x.w.Write(check.Run(q[0], model).JSON())
	}
}

// unknownCheckParam returns the 400 message for the first parameter of
// GET /api/check (in sorted order, so the answer is stable) other than q
// and model, or "".
func unknownCheckParam(params url.Values) string {
	var names []string
	for name := range params {
		if name != "q" && name != "model" {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	name := names[0]
	hint := ""
	switch low := strings.ToLower(name); {
	case low == "q":
		hint = " (did you mean q?)"
	case low == "model" || len(low) >= 3 && strings.HasPrefix("model", low[:3]):
		hint = " (did you mean model?)"
	case strings.HasPrefix(name, "$") || strings.HasPrefix(name, "@"):
		hint = " (the query to check goes, percent-encoded, in q: /api/check?q=" + url.QueryEscape(name) + "%3D...)"
	}
	return "Unknown parameter '" + name + "'" + hint + ": " + checkPath + " takes q, the filter or query string to check, and model, 2018 or 2021"
}
