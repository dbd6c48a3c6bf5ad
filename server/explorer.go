package server

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"path"

	"github.com/odatafilter/odatafilter/check"
)

// The explorer is a page, at GET /, to write a filter and see its errors and
// its machines: plain HTML, CSS and JavaScript embedded in the binary, with
// no build step and nothing loaded from elsewhere. It evaluates nothing
// itself: it asks GET /api/check and GET /api/machines of this handler.
//
//go:embed explorer
var explorerFiles embed.FS

// explorerPage is explorer/index.html, filled in per request with what the
// page must know before its first request (explorerData).
var explorerPage = template.Must(template.ParseFS(explorerFiles, "explorer/index.html"))

// explorerData is what the page is told about the handler: the name of the
// model GET /api/machines checks against ("2018", "2021", or "" for
// another), and whether a bearer token is required. Both are public: a
// request without a token learns the second from its 401 anyway.
type explorerData struct {
	Model         string
	TokenRequired bool
}

// explorerAssets are the files the page loads, by URL path, with their
// media types.
var explorerAssets = map[string]string{
	"/explorer/app.js":    "text/javascript; charset=utf-8",
	"/explorer/style.css": "text/css; charset=utf-8",
}

// explorerPolicy is the page's Content-Security-Policy: scripts, styles and
// requests from this origin only, so the page cannot load or send anything
// elsewhere even by mistake.
const explorerPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// explorer answers the page and its files, and reports whether the path
// was one of them. It runs before authentication: the files hold no
// machine data, and a browser cannot send a bearer token when it opens a
// page, so the page must load to ask for one.
func (x *exchange) explorer() bool {
	p := x.r.URL.Path
	ctype, isAsset := explorerAssets[p]
	if p != "/" && !isAsset {
		return false
	}
	if x.r.Method != http.MethodGet && x.r.Method != http.MethodHead {
		x.w.Header().Set("Allow", "GET, HEAD")
		x.fail(http.StatusMethodNotAllowed, codeMethodNotAllowed,
			"The method "+x.r.Method+" is not allowed: use GET")
		return true
	}
	var body []byte
	if isAsset {
		b, err := explorerFiles.ReadFile(path.Join("explorer", path.Base(p)))
		if err != nil {
			panic(err) // every entry of explorerAssets is embedded; a test reads each
		}
		body = b
	} else {
		var b bytes.Buffer
		data := explorerData{Model: check.ModelName(x.h.opts.Model), TokenRequired: x.h.tokens != nil}
		if err := explorerPage.Execute(&b, data); err != nil {
			panic(err) // the template and its data are fixed
		}
		body, ctype = b.Bytes(), "text/html; charset=utf-8"
	}
	hd := x.w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Security-Policy", explorerPolicy)
	x.w.WriteHeader(http.StatusOK)
	if x.r.Method == http.MethodGet {
		x.w.Write(body)
	}
	return true
}
