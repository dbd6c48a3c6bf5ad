package rooms

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/odatafilter/odatafilter/"

// allowed lists, for each package, the packages outside the standard
// library its non-test files may import; "*" allows any.
var allowed = map[string][]string{
	"lexer":               {"github.com/alecthomas/participle/v2/lexer"},
	"parser":              {"lexer", "ast", "github.com/alecthomas/participle/v2", "github.com/alecthomas/participle/v2/lexer"},
	"ast":                 {},
	"schema":              {"ast"},
	"eval":                {"ast", "schema", "parser"},
	"check":               {"ast", "schema", "parser"}, // how check and GET /api/check read a QUERY
	"records":             {"schema"},                  // Record.Members is []schema.Member
	"fleet":               {},
	"server":              {"ast", "schema", "eval", "records", "check"},
	"fuzz":                {"*"},
	"internal/cli":        {"*"},
	"cmd/odatafilter":     {"internal/cli"},
	"internal/rooms":      {},
	"sqlfilter":           {"schema", "ast"},
	"internal/sqltest":    {"internal/sqlitefunc", "modernc.org/sqlite", "github.com/jackc/pgx/v5/stdlib", "schema", "sqlfilter"}, // tests only
	"internal/sqlitefunc": {"sqlfilter", "modernc.org/sqlite"},

	// SQL storage (DESIGN.md §8): tables, load, query, get over the two drivers.
	"sqlstore": {"sqlfilter", "eval", "schema", "records", "internal/sqlitefunc",
		"modernc.org/sqlite", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/stdlib"},

	".": {"eval", "records", "schema"}, // package odatafilter (the module root): the one-call API over the stages

	"bench/query/baseline":  {}, // the encoding/json side of bench/query/run.sh
	"bench/query/normalize": {}, // a helper of bench/query/run.sh

	// bench/sql/run.sh: the hand-written SQL side, and the HTTP load generator.
	"bench/sql/hand":    {"eval", "sqlstore", "modernc.org/sqlite", "github.com/jackc/pgx/v5/stdlib"},
	"bench/sql/loadgen": {},
}

// TestEveryPackageHasARoom: a new package must be given its room above.
func TestEveryPackageHasARoom(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel != "." {
			if d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if rel == "cmd/try" {
				return filepath.SkipDir // a developer's scratch command, git-ignored
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module (bench/compile)
			}
		}
		if _, err := build.ImportDir(path, 0); err != nil {
			return nil // no Go files here
		}
		if _, ok := allowed[rel]; !ok {
			t.Errorf("package %s has no room in the allowed table", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRooms(t *testing.T) {
	for dir, allow := range allowed {
		pkg, err := build.ImportDir(filepath.Join("..", "..", dir), 0)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		for _, imp := range pkg.Imports {
			switch {
			case !strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
				// the standard library
			case slices.Contains(allow, strings.TrimPrefix(imp, module)):
			case strings.Contains(imp, "/participle/"):
				// No participle type appears outside parser/ and lexer/.
				t.Errorf("%s imports %s: participle stays in parser/ and lexer/", dir, imp)
			case !slices.Contains(allow, "*"):
				t.Errorf("%s imports %s; its room allows %v", dir, imp, allow)
			}
		}
	}
}
