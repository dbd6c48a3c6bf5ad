package server

import (
	"bufio"
	"bytes"
	"net/http"
)

// entity answers GET /api/machines/{id} for a caller with scope sc: the
// first record in the scope with that id, as an entity. A machine outside
// the scope is not found, so a limited token learns nothing about other
// groups; ids need not be unique (exports merged from several tenants or
// snapshots), so one outside the scope does not hide one inside it.
func (x *exchange) entity(sc *scope, id string) {
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
		x.fail(http.StatusNotFound, codeResourceNotFound, "Machine "+id+" was not found")
		return
	}
	x.matched = 1
	x.w.Header().Set("Content-Type", contentType)
	x.w.Header().Set("OData-Version", "4.0")
	bw := bufio.NewWriter(x.w)
	writeEntity(bw, marshal(x.h.baseURL(x.r)+"/api/$metadata#Machines/$entity"), x.h.raws[i])
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
