package server

import (
	"bufio"
	"bytes"
	"net/http"
	"strings"
)

// entity answers GET /api/machines/{id} for a caller with scope sc: the
// first record in the scope with that id, as an entity. A machine outside
// the scope is not found, so a limited token learns nothing about other
// groups; ids need not be unique (exports merged from several tenants or
// snapshots), so one outside the scope does not hide one inside it.
func (x *exchange) entity(sc *scope, id string) {
	if !x.entityQuery(id) {
		return
	}
	if x.h.src != nil {
		x.sourceEntity(sc, id)
		return
	}
	i, ok := -1, false
	for _, j := range x.h.byID[id] {
		if sc.contains(x.h, j) {
			i, ok = j, true
			break
		}
	}
	if !ok {
		x.notFound(id)
		return
	}
	x.writeEntity(x.h.raws[i])
}

// notFound answers 404 for the machine with that id.
func (x *exchange) notFound(id string) {
	x.fail(http.StatusNotFound, codeResourceNotFound, "Machine "+id+" was not found")
}

// writeEntity answers 200 with raw, one machine, as an entity.
func (x *exchange) writeEntity(raw []byte) {
	x.matched = 1
	x.w.Header().Set("Content-Type", contentType)
	x.w.Header().Set("OData-Version", "4.0")
	bw := bufio.NewWriter(x.w)
	writeEntity(bw, marshal(x.h.baseURL(x.r)+"/api/$metadata#Machines/$entity"), raw)
	bw.Flush()
}

// writeEntity writes raw, a JSON object, with "@odata.context":context as
// its first member. raw's own bytes follow unchanged: everything after its
// opening brace, with a comma between unless the object is empty.
func writeEntity(bw *bufio.Writer, context, raw []byte) {
	k := bytes.IndexByte(raw, '{') // New checked that raw is an object
	rest := raw[k+1:]
	bw.WriteString(`{"@odata.context":`)
	bw.Write(context)
	if t := bytes.TrimLeft(rest, " \t\r\n"); len(t) > 0 && t[0] != '}' {
		bw.WriteByte(',')
	}
	bw.Write(rest)
}

// entityQuery checks the query of GET /api/machines/{id} and answers 400
// when it does not compile (a mistake is a mistake on either route) or
// holds $filter, $top or $skip: they apply to collections only, so ASP.NET
// OData, Defender's stack, rejects them on a single entity rather than
// ignoring them. Custom options (api-version=...) pass. It reports whether
// the request may go on.
func (x *exchange) entityQuery(id string) bool {
	raw := x.r.URL.RawQuery
	if raw == "" {
		return true
	}
	p, err := x.h.compile(raw)
	if err != nil {
		x.fail(http.StatusBadRequest, codeODataError, queryMessage(raw, err))
		return false
	}
	q := p.Checked().Query
	var opts []string
	if q.Filter != nil {
		opts = append(opts, "$filter")
	}
	if q.HasTop {
		opts = append(opts, "$top")
	}
	if q.HasSkip {
		opts = append(opts, "$skip")
	}
	if len(opts) == 0 {
		return true
	}
	x.fail(http.StatusBadRequest, codeODataError, "Invalid OData URI query: "+strings.Join(opts, ", ")+
		" cannot be applied to a single machine, only to the collection "+collectionPath+
		" (to find this machine there, use $filter=id eq '"+strings.ReplaceAll(id, "'", "''")+"')")
	return false
}
