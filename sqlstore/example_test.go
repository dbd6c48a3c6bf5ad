package sqlstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// Load an export into SQLite, then query it: the records come out byte for
// byte, in export order; a second load of the same export stores nothing.
func Example() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := sqlstore.Create(ctx, "sqlite:"+filepath.Join(dir, "fleet.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	export := `{"value":[
{"id":"a","riskScore":"High","rbacGroupId":140},
{"id":"b","riskScore":"Low",  "rbacGroupId":140},
{"id":"c","riskScore":"High","rbacGroupId":141, "note":"caf\u00e9"}]}`
	for range 2 {
		stats, err := st.Load(ctx, strings.NewReader(export))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("loaded %d, duplicates %d\n", stats.Loaded, stats.Duplicates)
	}
	prog, err := eval.Compile("$filter=riskScore eq 'High'")
	if err != nil {
		log.Fatal(err)
	}
	for m, err := range st.Query(ctx, prog, sqlstore.QueryOptions{}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s\n", m.Ord, m.Raw)
	}
	// A caller that may see group 141 only: the scope is part of the SQL.
	for m, err := range st.Query(ctx, prog, sqlstore.QueryOptions{Groups: []int64{141}}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("group 141: %s\n", m.Raw)
	}
	// Output:
	// loaded 3, duplicates 0
	// loaded 0, duplicates 3
	// 1 {"id":"a","riskScore":"High","rbacGroupId":140}
	// 3 {"id":"c","riskScore":"High","rbacGroupId":141, "note":"caf\u00e9"}
	// group 141: {"id":"c","riskScore":"High","rbacGroupId":141, "note":"caf\u00e9"}
}
