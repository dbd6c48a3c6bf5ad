package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/internal/sqltest"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// dialects runs f once for SQLite and once for PostgreSQL (skipped, saying
// why, without a server: see internal/sqltest), each with the URL of a new,
// empty database.
func dialects(t *testing.T, f func(t *testing.T, url string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, "sqlite:"+sqltest.SQLitePath(t)) })
	t.Run("postgresql", func(t *testing.T) { f(t, sqltest.PostgresURL(t)) })
}

// loaded creates a store at url, loads input into it, and closes it when
// the test ends.
func loaded(t *testing.T, url string, input []byte) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Create(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Load(context.Background(), bytes.NewReader(input)); err != nil {
		t.Fatal(err)
	}
	return st
}

// ndjson is recs as NDJSON lines.
func ndjson(recs ...string) []byte { return []byte(strings.Join(recs, "\n") + "\n") }

func TestLoadIsIdempotentByID(t *testing.T) {
	dialects(t, func(t *testing.T, url string) {
		ctx := context.Background()
		st, err := sqlstore.Create(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		first := ndjson(`{"id":"a","rbacGroupId":1}`, `{"id":"b"}`, `{"id":"a","rbacGroupId":2}`, `{"computerDnsName":"x"}`)
		stats, err := st.Load(ctx, bytes.NewReader(first))
		if err != nil {
			t.Fatal(err)
		}
		// Records of one input that share an id are all kept, as query FILE keeps them.
		if stats.Read != 4 || stats.Loaded != 4 || stats.Duplicates != 0 || stats.WithoutID != 1 {
			t.Errorf("first load: %+v, want 4 read, 4 loaded, 0 duplicates, 1 without id", stats)
		}
		// Creating again changes nothing; loading again stores only what has no id.
		st2, err := sqlstore.Create(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		stats, err = st2.Load(ctx, bytes.NewReader(append(first, ndjson(`{"id":"c"}`)...)))
		if err != nil {
			t.Fatal(err)
		}
		if stats.Read != 5 || stats.Loaded != 2 || stats.Duplicates != 3 || stats.WithoutID != 1 {
			t.Errorf("second load: %+v, want 5 read, 2 loaded (c and the one without id), 3 duplicates", stats)
		}
		if n, err := st.Count(ctx, nil); err != nil || n != 6 {
			t.Errorf("Count = %d, %v; want 6", n, err)
		}
		// Ords continue after the stored maximum: c comes after everything.
		var ords []int64
		rows, err := st.DB().Query("SELECT ord FROM machines WHERE id = 'c' OR id IS NULL ORDER BY ord")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var o int64
			rows.Scan(&o)
			ords = append(ords, o)
		}
		rows.Close()
		if len(ords) != 3 || ords[0] != 4 || ords[1] != 5 || ords[2] != 6 {
			t.Errorf("ords of the records without id and of c: %v, want [4 5 6]", ords)
		}
	})
}

func TestLoadRefusesBadRecordsWhole(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		index       int
		msg         string
	}{
		{"U+0000 in computerDnsName", `{"id":"a"}` + "\n" + `{"id":"b","computerDnsName":"x\u0000y"}`, 1, "field computerDnsName holds the character U+0000"},
		{"U+0000 in a tag", `{"id":"a","machineTags":["ok","\u0000"]}`, 0, "field machineTags[1] holds the character U+0000"},
		{"bad rbacGroupId", `{"id":"a"}` + "\n" + `{"id":"b"}` + "\n" + `{"rbacGroupId":"x"}`, 2, "rbacGroupId"},
		{"malformed JSON", `{"id":"a"}` + "\n" + `{"id":`, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dialects(t, func(t *testing.T, url string) {
				ctx := context.Background()
				st, err := sqlstore.Create(ctx, url)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				_, err = st.Load(ctx, strings.NewReader(tc.input))
				var re *records.Error
				if !errors.As(err, &re) || re.Index != tc.index || !strings.Contains(re.Msg, tc.msg) {
					t.Fatalf("Load: %v; want a *records.Error for record %d saying %q", err, tc.index+1, tc.msg)
				}
				if n, err := st.Count(ctx, nil); err != nil || n != 0 {
					t.Errorf("after the failed load, %d machines are stored (%v); want none", n, err)
				}
			})
		})
	}
}

func TestLoadSurvivesHostileStrings(t *testing.T) {
	dialects(t, func(t *testing.T, url string) {
		hostile := `{"id":"'; DROP TABLE machines; --","computerDnsName":"a\\b%_[*?\u00e9\ud83d\ude00","machineTags":["'","\"","%"]}`
		st := loaded(t, url, ndjson(hostile, `{"id":"z"}`))
		raw, found, err := st.Get(context.Background(), "'; DROP TABLE machines; --", nil)
		if err != nil || !found || string(raw) != hostile {
			t.Fatalf("Get = %s, %v, %v; want the record byte for byte", raw, found, err)
		}
		if n, err := st.Count(context.Background(), nil); err != nil || n != 2 {
			t.Errorf("Count = %d, %v; want 2", n, err)
		}
	})
}

// TestLoadCanceled: a Load whose context ends stores nothing and returns
// the context's error.
func TestLoadCanceled(t *testing.T) {
	dialects(t, func(t *testing.T, url string) {
		st, err := sqlstore.Create(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ctx, cancel := context.WithCancel(context.Background())
		// The input cancels the load once the first 600 records (a batch
		// and more) have been read.
		var input bytes.Buffer
		for i := range 1000 {
			fmt.Fprintf(&input, "{\"id\":\"m%d\"}\n", i)
		}
		in := &cancelAfter{r: &input, n: 600 * 12, cancel: cancel}
		if _, err := st.Load(ctx, in); !errors.Is(err, context.Canceled) {
			t.Errorf("Load: %v, want context.Canceled", err)
		}
		if n, err := st.Count(context.Background(), nil); err != nil || n != 0 {
			t.Errorf("after a canceled load, %d machines are stored (%v); want none", n, err)
		}
	})
}

// cancelAfter reads r and calls cancel once n bytes have been read.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	p = p[:min(len(p), 512)]
	k, err := c.r.Read(p)
	if c.n -= k; c.n <= 0 {
		c.cancel()
	}
	return k, err
}
