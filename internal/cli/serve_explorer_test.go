package cli

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeExplorerURL: serve prints the explorer's URL when it starts,
// and that URL answers the page, without a token even when one is needed.
func TestServeExplorerURL(t *testing.T) {
	cfg, code, ok := parseServe(serveCommand, []string{"--addr", "127.0.0.1:0", "--token", "secret"}, streams{})
	if !ok {
		t.Fatalf("parseServe: exit %d", code)
	}
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() { exit <- serve(ctx, cfg, streams{stdout: io.Discard, stderr: &stderr}) }()
	defer func() {
		cancel()
		select {
		case <-exit:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	}()

	urlRE := regexp.MustCompile(`odatafilter serve: explorer at (http://127\.0\.0\.1:\d+/) `)
	var page string
	for deadline := time.Now().Add(10 * time.Second); page == "" && time.Now().Before(deadline); {
		if m := urlRE.FindStringSubmatch(stderr.String()); m != nil {
			page = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if page == "" {
		t.Fatalf("no explorer URL on stderr:\n%s", stderr.String())
	}
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(body), "<title>odatafilter explorer</title>") ||
		!strings.Contains(string(body), `data-token-required="true"`) {
		t.Errorf("GET %s: status %d, Content-Type %q, body %.300s", page, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}
