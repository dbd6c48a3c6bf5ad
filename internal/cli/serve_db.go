package cli

import (
	"context"
	"iter"

	"github.com/odatafilter/odatafilter/server"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// storeSource serves a sqlstore.Store through server.NewSource (serve
// --db). The server stays free of database drivers; this is all it takes.
type storeSource struct{ st *sqlstore.Store }

func (s storeSource) Select(ctx context.Context, sel server.Selection) iter.Seq2[server.SourceRecord, error] {
	return func(yield func(server.SourceRecord, error) bool) {
		opts := sqlstore.QueryOptions{Groups: sel.Groups, After: sel.After, Limit: sel.Limit, Now: sel.Now}
		for m, err := range s.st.Query(ctx, sel.Program, opts) {
			if !yield(server.SourceRecord{Ord: m.Ord, Raw: m.Raw}, err) {
				return
			}
		}
	}
}

func (s storeSource) Get(ctx context.Context, id string, groups []int64) ([]byte, bool, error) {
	return s.st.Get(ctx, id, groups)
}

func (s storeSource) Count(ctx context.Context, groups []int64) (int64, error) {
	return s.st.Count(ctx, groups)
}
