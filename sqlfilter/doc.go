// Package sqlfilter translates a checked $filter into SQL for SQLite and
// PostgreSQL: a WHERE fragment with bound arguments that is true exactly when
// the evaluator (package eval) says true, over the table layout this package
// defines (Layout). It is pure: no database, no driver.
//
// Every value is a bound argument (Args hands out the placeholders), and
// identifiers come only from the layout's column map. Each Boolean is
// translated twice, into the SQL that is true when it is OData-true and the
// SQL that is true when it is OData-false, so that SQL NOT never wraps a term
// that can be NULL. What a dialect cannot express exactly is never
// mistranslated: the database gets a looser condition (a superset) and
// Translation.Exact reports false; the caller then re-checks each candidate
// with the evaluator and applies $skip and $top after the re-check.
//
// The background, and the rules this package follows, are in the project's
// shared/sql/NOTES.md.
package sqlfilter
