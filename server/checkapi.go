package server

import (
	"net/http"
	"net/url"
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
// handler's own model, the one GET /api/machines uses.
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
