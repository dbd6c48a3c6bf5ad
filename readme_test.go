package odatafilter

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestREADMEGoAPI runs the program in the README's "The Go API" section
// as written, and checks that it prints what its comments say it prints.
func TestREADMEGoAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program with the go command (a few seconds)")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## The Go API\n")
	if !ok {
		t.Fatal(`README.md has no "## The Go API" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, program, ok := strings.Cut(section, "\n```go\n")
	program, _, ok2 := strings.Cut(program, "\n```\n")
	if !ok || !ok2 || !strings.HasPrefix(program, "package main\n") {
		t.Fatal("the Go API section has no ```go block holding a main package")
	}
	want := []string{
		"web-01 High true",
		`{"id":"a1","computerDnsName":"web-01","riskScore":"High","healthStatus":"Active","x":1.50}`,
	}
	for _, line := range want {
		if !strings.Contains(program, "// "+line+"\n") {
			t.Errorf("the program has no comment saying it prints %s", line)
		}
	}

	// A directory inside the module, so the program builds against this
	// checkout; "_" keeps it out of ./... patterns.
	dir, err := os.MkdirTemp(".", "_readme")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(program+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "run", "./"+filepath.Base(dir))
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	if got := strings.Join(want, "\n") + "\n"; string(out) != got {
		t.Errorf("the program printed\n%s\nwant\n%s", out, got)
	}
}
