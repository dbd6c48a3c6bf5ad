// Package sqlitefunc registers sqlfilter's SQLite functions (sqlfilter.SQLiteFunctions)
// with the modernc.org/sqlite driver. Registration is driver-wide: it applies to
// every connection opened afterwards, whoever opens it.
package sqlitefunc

import (
	"database/sql/driver"
	"sync"

	"modernc.org/sqlite"

	"github.com/odatafilter/odatafilter/sqlfilter"
)

var (
	once sync.Once
	err  error
)

// Register registers sqlfilter.SQLiteFunctions with the "sqlite" driver, once
// per process; call it before opening a database that translated SQL runs on.
func Register() error {
	once.Do(func() {
		for _, f := range sqlfilter.SQLiteFunctions() {
			fn := f.Func
			wrapped := func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) { return fn(args) }
			if err = sqlite.RegisterDeterministicScalarFunction(f.Name, f.Args, wrapped); err != nil {
				return
			}
		}
	})
	return err
}
