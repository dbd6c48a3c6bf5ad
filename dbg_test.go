package odatafilter
import ("testing";"os";"context";"github.com/odatafilter/odatafilter/eval")
func BenchmarkDbgCount(b *testing.B) {
	prog, _ := eval.CompileFilter("healthStatus ne 'Active' and rbacGroupId eq 140")
	for b.Loop() {
		f, _ := os.Open("/tmp/m300k.ndjson")
		res, err := Count(context.Background(), prog, f)
		f.Close()
		if err != nil || res.Selected != 19468 { b.Fatal(err, res) }
	}
}
