package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/odatafilter/odatafilter/check"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// The browser tests drive the explorer in Debian's Chromium, headless. They
// skip, saying why, where no Chromium is installed, and fail instead when
// CI=true (.ci/run installs it). ODATAFILTER_CHROMIUM names another binary;
// ODATAFILTER_SCREENSHOTS names a folder to keep the screenshots in (by
// default they go to a temporary folder that the test removes).

// chromium returns the browser to drive, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ODATAFILTER_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const why = "no Chromium on PATH (apt-get install -y chromium, or set ODATAFILTER_CHROMIUM)"
	if os.Getenv("CI") == "true" {
		t.Fatal(why + "; CI=true requires the browser tests")
	}
	t.Skip(why)
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// context for one tab in it; the test's cleanup stops it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := chromium(t)
	profile, err := os.MkdirTemp("", "odatafilter-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	allocCtx, stopAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, stopTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		stopTab()
		stopAlloc()
		// Chromium's helpers may still write to the profile for a moment.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	// The first Run starts the browser; it has no deadline of its own, since
	// one would stop the browser with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return ctx
}

// screenshotDir is where the test writes its screenshots.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("ODATAFILTER_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// sampleHandlerRecords is the sample fleet the command serves by default.
func sampleRecords(t *testing.T) []records.Record {
	t.Helper()
	recs, _, err := records.ReadAll(bytes.NewReader(fleet.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// expectedIDs are the ids of the sample machines filter keeps, by the
// engine directly: what the page must show, page after page.
func expectedIDs(t *testing.T, recs []records.Record, filter string) []string {
	t.Helper()
	p, err := eval.CompileFilter(filter)
	if err != nil {
		t.Fatal(err)
	}
	ms := make([]schema.Machine, len(recs))
	for i, r := range recs {
		if err := ms[i].UnmarshalJSON(r.Raw); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for _, m := range p.Apply(ms) {
		ids = append(ids, m.ID.V)
	}
	return ids
}

// TestExplorerInBrowser types a filter with two mistakes, sees their
// diagnostics with carets as check renders them, applies both suggestions,
// sees the machines the engine keeps page after page, and copies the URL
// for the real API, which must decode back to the same filter. The
// handler is mounted under a prefix, so every request the page makes must
// be relative to it.
func TestExplorerInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	recs := sampleRecords(t)
	// The nextLinks name the real API (serve --base-url), which the page
	// must not call: it pages against the server it came from.
	h, err := New(recs, Options{PageSize: 10, BaseURL: "https://api.securitycenter.microsoft.com"})
	if err != nil {
		t.Fatal(err)
	}
	// Mounted under a prefix, as an embedder may: the page asks relative URLs.
	mux := http.NewServeMux()
	mux.Handle("/tools/", http.StripPrefix("/tools", h))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	shots := screenshotDir(t)

	const typed = "riskScor eq 'High' and healthStatus eq 'Actve'"
	const fixed = "riskScore eq 'High' and healthStatus eq 'Active'"
	want := expectedIDs(t, recs, fixed)
	if len(want) <= 10 || len(want) > 20 {
		t.Fatalf("the sample fleet has %d machines for %q; the test wants two pages of 10", len(want), fixed)
	}

	b := &tab{t: t, ctx: ctx}
	step, js, waitFor := b.step, b.js, b.waitFor
	shoot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(shots, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}

	b.watch(srv.URL)
	step("open the page", chromedp.Navigate(srv.URL+"/tools/"))
	// With an empty box the page lists every machine: the first page.
	waitFor("the first page of every machine", `document.querySelectorAll('#machines tbody tr:not(.details)').length === 10`)

	// Type the filter with two mistakes: two diagnostics, as check renders them.
	step("type", chromedp.SendKeys(chromedp.ID("query"), typed))
	// Two diagnostics of the whole text, not of a part typed so far.
	waitFor("two diagnostics", `document.querySelectorAll('#diagnostics li').length === 2 &&
		document.querySelectorAll('#diagnostics pre.rendered')[1].textContent.includes('Actve')`)
	rendered := check.Run(typed, schema.Machines).Diagnostics
	for i, d := range rendered {
		got := js(fmt.Sprintf(`document.querySelectorAll('#diagnostics pre.rendered')[%d].textContent`, i))
		if got != d.Render(typed) {
			t.Errorf("diagnostic %d on the page:\n%s\nwant, as check prints it:\n%s", i, got, d.Render(typed))
		}
	}
	if caret := js(`document.querySelector('#diagnostics .caret').textContent`); caret != " | ^~~~~~~~\n" {
		t.Errorf("the first caret line is %q, want under riskScor", caret)
	}
	if s := js(`document.getElementById('check-summary').textContent`); !strings.HasPrefix(s, "2 errors: unknown field riskScor") ||
		!strings.Contains(s, "(did you mean `riskScore`?)") || !strings.Contains(s, "(did you mean 'Active'?)") {
		t.Errorf("the live summary says %q", s)
	}
	if js(`String(document.getElementById('request').hidden)`) != "true" {
		t.Error("an invalid query still shows a request to copy")
	}
	shoot("explorer-error.png")
	b.everyControlNamed()

	// Apply the suggestions, the first, then the one left.
	step("apply riskScore", chromedp.Click(chromedp.CSS("#diagnostics button.apply")))
	waitFor("one diagnostic left", `document.getElementById('query').value === "riskScore eq 'High' and healthStatus eq 'Actve'" &&
		document.querySelectorAll('#diagnostics li').length === 1`)
	step("apply 'Active'", chromedp.Click(chromedp.CSS("#diagnostics button.apply")))
	waitFor("valid", `document.getElementById('query').value === `+jsString(fixed)+` &&
		document.getElementById('check-summary').textContent === 'Valid.'`)
	if c := js(`document.getElementById('canonical').textContent`); c != fixed {
		t.Errorf("canonical form %q, want %q", c, fixed)
	}

	// The table fills with the engine's machines, ten to a page.
	pageIDs := `Array.from(document.querySelectorAll('#machines tbody td[data-field="id"]'), td => td.textContent).join(' ')`
	waitFor("the first page", `document.getElementById('count').textContent === 'Machines 1–10, page 1; more follow.'`)
	if got := js(pageIDs); got != strings.Join(want[:10], " ") {
		t.Errorf("page 1 ids\n got %s\nwant %s", got, strings.Join(want[:10], " "))
	}
	shoot("explorer-valid.png")
	b.everyControlNamed()
	// Tab from the query box goes on to the model switch, then to Run.
	step("focus the query", chromedp.Focus(chromedp.ID("query")))
	step("tab", chromedp.KeyEvent("\t"))
	if f := js(`document.activeElement.name + '=' + document.activeElement.value`); f != "model=2018" {
		t.Errorf("Tab from the query box focuses %q, want the checked model", f)
	}
	step("tab", chromedp.KeyEvent("\t"))
	if f := js(`document.activeElement.id`); f != "run" {
		t.Errorf("the second Tab focuses %q, want Run", f)
	}

	step("next page", chromedp.Click(chromedp.ID("next")))
	last := fmt.Sprintf("Machines 11–%d of %d, page 2 of 2.", len(want), len(want))
	waitFor("the last page", `document.getElementById('count').textContent === `+jsString(last))
	if got := js(pageIDs); got != strings.Join(want[10:], " ") {
		t.Errorf("page 2 ids\n got %s\nwant %s", got, strings.Join(want[10:], " "))
	}
	if js(`String(document.getElementById('next').disabled) + ' ' + document.activeElement.id`) != "true prev" {
		t.Error("on the last page Next should be disabled and the focus on Previous")
	}
	// By keyboard: Enter on the focused Previous button goes back.
	step("previous by keyboard", chromedp.KeyEvent("\r"))
	waitFor("back on page 1", `document.getElementById('count').textContent === 'Machines 1–10, page 1; more follow.'`)

	// A row opens to show the fields that are not columns.
	step("expand a row", chromedp.Click(chromedp.CSS("#machines button.expand")))
	if got := js(`document.querySelector('#machines tr.details:not([hidden]) dl').textContent`); !strings.Contains(got, "osVersion") ||
		!strings.Contains(got, "ipAddresses") || strings.Contains(got, "computerDnsName") {
		t.Errorf("the expanded row shows %q", got)
	}

	// Copy the URL for the real API: it decodes back to the same filter.
	step("copy the URL", chromedp.Click(chromedp.CSS(`button[data-copy="url"]`)))
	waitFor("copied", `document.getElementById('copy-status').textContent === 'Copied.'`)
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the clipboard: %v", err)
	}
	u, err := url.Parse(copied)
	if err != nil {
		t.Fatalf("copied %q: %v", copied, err)
	}
	if u.Scheme != "https" || u.Host != "api.securitycenter.microsoft.com" || u.Path != "/api/machines" {
		t.Errorf("copied %q: not the real API's machines URL", copied)
	}
	if q, err := url.ParseQuery(u.RawQuery); err != nil || len(q) != 1 || len(q["$filter"]) != 1 || q["$filter"][0] != fixed {
		t.Errorf("copied %q decodes to %v (%v), want $filter=%s", copied, q, err, fixed)
	}
	if strings.ContainsAny(u.RawQuery, " '+") {
		t.Errorf("copied %q: a space, quote or plus left unencoded", copied)
	}
	if curl := js(`document.getElementById('curl').textContent`); !strings.HasSuffix(curl, " '"+copied+"'") {
		t.Errorf("curl line %q does not end with the URL in single quotes", curl)
	}

	// The model switch: 2021 checks against the newer list and says that
	// the machines are still listed with the server's model.
	step("model 2021", chromedp.Click(chromedp.CSS(`input[name="model"][value="2021"]`)))
	waitFor("the model note", `!document.getElementById('model-note').hidden`)
	// A filter valid only in 2021 checks, and the server (2018) answers
	// 400: the page shows its message, caret lines and all.
	step("clear the query", chromedp.Evaluate[chromedp.Void](`document.getElementById('query').value = ''`))
	step("type a 2021 filter", chromedp.SendKeys(chromedp.ID("query"), "version eq '21H1'"))
	waitFor("the server's 400", `document.getElementById('count').textContent.startsWith('400 ODataError: Invalid OData URI query: version ')`)
	if got := js(`document.getElementById('check-summary').textContent + ' | ' + document.getElementById('machines').tBodies[0].rows.length`); got != "Valid. | 0" {
		t.Errorf("check and table: %q, want valid and an empty table", got)
	}
	shoot("explorer-model-400.png")

	b.noProblems()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// tab is one browser tab a test drives, each action bounded in time.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func (b *tab) step(what string, a chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, a); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// js returns the value of a JavaScript expression of type string.
func (b *tab) js(expr string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// waitFor waits until the JavaScript condition holds, for 10 seconds at most.
func (b *tab) waitFor(what, cond string) {
	b.t.Helper()
	b.step(what, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second)))
}

// watch makes the pages of origin record every script error and
// Content-Security-Policy violation, for noProblems, and lets them use the
// clipboard as after a user's consent.
func (b *tab) watch(origin string) {
	b.step("set up the tab", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__problems = [];
addEventListener('error', e => __problems.push('error: ' + e.message));
addEventListener('unhandledrejection', e => __problems.push('rejection: ' + e.reason));
document.addEventListener('securitypolicyviolation', e => __problems.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI));`,
		})
		if err != nil {
			return err
		}
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name},
				Setting:    browser.PermissionSettingGranted,
				Origin:     origin,
			})
			if err != nil {
				return err
			}
		}
		return nil
	}))
}

// everyControlNamed fails the test for a visible button, input or text
// area that a screen reader could not name: no label, no aria-label, no
// text.
func (b *tab) everyControlNamed() {
	b.t.Helper()
	unnamed := b.js(`JSON.stringify(Array.from(document.querySelectorAll('button, input, textarea'))
		.filter(el => el.offsetParent !== null)
		.filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && el.textContent.trim() === '')
		.map(el => el.outerHTML.slice(0, 80)))`)
	if unnamed != "[]" {
		b.t.Errorf("controls without a name: %s", unnamed)
	}
}

// noProblems fails the test if the page reported a script error or a
// policy violation.
func (b *tab) noProblems() {
	b.t.Helper()
	if p := b.js(`JSON.stringify(window.__problems)`); p != "[]" {
		b.t.Errorf("the page reported problems: %s", p)
	}
}

// TestExplorerInBrowserWithToken: when serve needs a token the page shows
// the field, lists nothing without it, every machine (200 rows at a time)
// with an unscoped one and the token's groups only with a scoped one; a
// query string with $top is sent as written.
func TestExplorerInBrowserWithToken(t *testing.T) {
	ctx := newBrowser(t)
	recs := sampleRecords(t)
	h, err := New(recs, Options{Tokens: map[string][]int64{"everyone": {}, "team140": {140}}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	b := &tab{t: t, ctx: ctx}
	b.watch(srv.URL)

	b.step("open the page", chromedp.Navigate(srv.URL+"/"))
	b.waitFor("a 401 asks for the token", `document.getElementById('count').textContent.startsWith('This server needs a bearer token')`)
	if b.js(`String(document.getElementById('token-row').hidden)`) != "false" {
		t.Error("the token field is hidden")
	}

	// Every machine: one page of the API, shown 200 rows at a time.
	rows := `document.querySelectorAll('#machines tbody tr.machine').length`
	b.step("type a token", chromedp.SendKeys(chromedp.ID("token"), "everyone"))
	b.waitFor("every machine", fmt.Sprintf(`document.getElementById('count').textContent === '%d machines.'`, len(recs)))
	if n, s := b.js(`String(`+rows+`)`), b.js(`document.getElementById('shown').textContent`); n != "200" ||
		s != fmt.Sprintf("The table shows 200 of the %d machines of this page.", len(recs)) {
		t.Errorf("%s rows, %q", n, s)
	}
	b.step("show more", chromedp.Click(chromedp.ID("more")))
	b.waitFor("every row", fmt.Sprintf(`%s === %d && document.getElementById('more').hidden`, rows, len(recs)))
	if f := b.js(`document.activeElement.getAttribute("aria-label")`); !strings.HasPrefix(f, "All fields of machine 201 ") {
		t.Errorf("after Show more the focus is on %q, want the first row added", f)
	}

	// A scoped token: the group's machines only.
	group := expectedIDs(t, recs, "rbacGroupId eq 140")
	b.step("clear the token", chromedp.Evaluate[chromedp.Void](`document.getElementById('token').value = ''`))
	b.step("type the scoped token", chromedp.SendKeys(chromedp.ID("token"), "team140"))
	b.waitFor("the group's machines", fmt.Sprintf(`document.getElementById('count').textContent === '%d machines.'`, len(group)))

	high := expectedIDs(t, recs, "rbacGroupId eq 140 and riskScore in ('High', 'Medium')")
	if len(high) < 3 {
		t.Fatalf("group 140 has %d High or Medium machines; the test wants 3", len(high))
	}
	const q = "$filter=riskScore+in+(%27High%27,%27Medium%27)&$top=2"
	b.step("type a query string", chromedp.SendKeys(chromedp.ID("query"), q))
	b.waitFor("two machines", `document.getElementById('count').textContent === '2 machines.'`)
	ids := b.js(`Array.from(document.querySelectorAll('#machines tbody td[data-field="id"]'), td => td.textContent).join(' ')`)
	if ids != strings.Join(high[:2], " ") {
		t.Errorf("ids %s, want %s", ids, strings.Join(high[:2], " "))
	}
	u, err := url.Parse(b.js(`document.getElementById('url').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := url.ParseQuery(u.RawQuery); err != nil || got.Get("$filter") != "riskScore in ('High','Medium')" || got.Get("$top") != "2" {
		t.Errorf("URL %s decodes to %v (%v)", u, got, err)
	}

	// A URL pasted whole is read for its query part, as check reads it.
	const pasted = "https://api.securitycenter.microsoft.com/api/machines?" + q + "&api-version=2"
	b.step("clear the query", chromedp.Evaluate[chromedp.Void](`document.getElementById('query').value = ''`))
	b.step("paste a URL", chromedp.SendKeys(chromedp.ID("query"), pasted))
	b.waitFor("the same two machines", `document.getElementById('count').textContent === '2 machines.' &&
		document.getElementById('url').textContent.endsWith('api-version=2')`)
	if got := b.js(`document.getElementById('url').textContent`); got != u.String()+"&api-version=2" {
		t.Errorf("the pasted URL gives the request\n%s\nwant\n%s&api-version=2", got, u)
	}

	// Spans are UTF-8 byte offsets: a suggestion after a non-ASCII name
	// lands on the right characters all the same.
	const accented = "computerDnsName eq 'straße-kiosk-60' and riskScor eq 'High'"
	b.step("clear the query", chromedp.Evaluate[chromedp.Void](`document.getElementById('query').value = ''`))
	b.step("type a non-ASCII filter", chromedp.SendKeys(chromedp.ID("query"), accented))
	b.waitFor("its diagnostic", `document.querySelectorAll('#diagnostics button.apply').length === 1`)
	b.step("show it in the query", chromedp.Click(chromedp.CSS("#diagnostics button:not(.apply)")))
	if sel := b.js(`(q => q.value.slice(q.selectionStart, q.selectionEnd))(document.getElementById('query'))`); sel != "riskScor" {
		t.Errorf("Show in query selects %q, want riskScor", sel)
	}
	b.step("apply", chromedp.Click(chromedp.CSS("#diagnostics button.apply")))
	b.waitFor("fixed", `document.getElementById('query').value === `+jsString(strings.Replace(accented, "riskScor", "riskScore", 1)))
	b.noProblems()
}
