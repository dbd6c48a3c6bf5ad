package records

import (
	"bytes"
	"encoding/json"
	"strings"
)

// bom is the UTF-8 byte order mark some Windows tools write first.
var bom = []byte{0xEF, 0xBB, 0xBF}

// detect reads up to the first record and sets the format. For NDJSON the
// first object is the first record: detect returns it with ok true. For
// an envelope or an array it leaves the Reader just inside the records'
// '[' (state stFirst) and returns ok false.
func (r *Reader) detect() (rec Record, ok bool, err error) {
	for r.end-r.pos < len(bom) && r.fill(r.end-r.pos) {
	}
	if desc, name, ok := isUTF16(r.buf[r.pos:r.end]); ok {
		return Record{}, false, r.utf16Error(desc, name)
	}
	if bytes.HasPrefix(r.buf[r.pos:r.end], bom) {
		r.pos += len(bom)
	}
	c, more := r.skip()
	switch {
	case !more && r.rerr != nil:
		return Record{}, false, r.endError("")
	case !more:
		what := "nothing"
		if r.base+int64(r.pos) > 0 {
			what = "only white space"
		}
		return Record{}, false, &Error{Offset: r.base + int64(r.pos), Err: ErrEmpty,
			Msg: "the input is empty (it holds " + what + `): want a Defender response ({"value":[…]}), a JSON array or NDJSON`}
	case c == '[':
		r.format, r.st = Array, stFirst
		r.pos++
		return Record{}, false, nil
	case c != '{':
		return Record{}, false, r.errorAt(r.pos, "the input is not a machine list: want a Defender response "+
			`({"value":[…]}), a JSON array or NDJSON; found %s`, describe(c))
	}
	var fo firstObject
	end, err := r.step(fo.scan(&r.sc), "in the first object")
	switch {
	case err != nil:
		return Record{}, false, err
	case fo.valueAt >= 0:
		r.format, r.st = Envelope, stFirst
		if fo.ctxStart >= 0 {
			r.context = contextString(r.buf[fo.ctxStart:fo.ctxEnd])
		}
		if fo.linkStart >= 0 {
			r.nextLink = contextString(r.buf[fo.linkStart:fo.linkEnd])
		}
		r.pos = fo.valueAt + 1
		return Record{}, false, nil
	case fo.annotationsOnly:
		return Record{}, false, r.errorAt(r.pos, `the object has no "value" array of records: not a Defender response`)
	}
	if er := errorResponse(r.buf[r.pos:end], fo.members); er != nil {
		return Record{}, false, r.errorResponseError(r.pos, er, true)
	}
	r.format, r.st = NDJSON, stLine
	if hasValue(r.buf[r.pos:end], fo.members) { // "Value", say: a response, but not as Defender writes one
		return Record{}, false, r.pagesError(r.pos, false)
	}
	rec = Record{Index: 0, Offset: r.base + int64(r.pos), Raw: r.buf[r.pos:end:end], Members: fo.members}
	r.pos = end
	r.index++
	return rec, true, nil
}

// firstObject is what scanning the input's first object found: whether it
// is an envelope, and where its value array, @odata.context and
// @odata.nextLink are.
type firstObject struct {
	valueAt            int // index of the '[' of "value"; -1 if there is no "value"
	ctxStart, ctxEnd   int // the @odata.context value before "value"; -1 if none
	linkStart, linkEnd int // the @odata.nextLink value before "value"; -1 if none
	annotationsOnly    bool
	members            []Member // the object's members, as Record.Members
}

// scan returns the restartable scan of the first object, whose '{' is at
// b[i]. It walks the object's members, scanning each value, until it meets
// "value": then the object is an envelope, and the scan stops at the
// value's '[' so the records stream. Without "value" it scans to the
// object's end.
func (fo *firstObject) scan(sc *scanner) func(b []byte, i int) (int, int) {
	return func(b []byte, i int) (int, int) {
		*fo = firstObject{valueAt: -1, ctxStart: -1, ctxEnd: -1, linkStart: -1, linkEnd: -1, annotationsOnly: true, members: fo.members[:0]}
		start := i
		if i = skipWS(b, i+1); i >= len(b) {
			return i, scanShort
		}
		if b[i] == '}' {
			return i + 1, scanOK
		}
		st := scanOK
		for {
			keyStart := i
			if i, st = sc.key(b, i); st != scanOK {
				return i, st
			}
			fo.members = append(fo.members, Member{Name: int32(keyStart - start), Value: int32(i - start)})
			name := memberName(b[keyStart:i])
			if name == "value" {
				if b[i] != '[' {
					return sc.bad(i, `the envelope's "value" is `+describe(b[i])+", not an array of records")
				}
				fo.valueAt = i
				return i, scanOK
			}
			valStart := i
			if i, st = sc.value(b, i); st != scanOK {
				return i, st
			}
			switch name {
			case "@odata.context":
				fo.ctxStart, fo.ctxEnd = valStart, i
			case "@odata.nextLink":
				fo.linkStart, fo.linkEnd = valStart, i
			}
			if !strings.HasPrefix(name, "@") {
				fo.annotationsOnly = false
			}
			if i = skipWS(b, i); i >= len(b) {
				return i, scanShort
			}
			switch b[i] {
			case '}':
				return i + 1, scanOK
			case ',':
				if i = skipWS(b, i+1); i >= len(b) {
					return i, scanShort
				}
			default:
				return sc.bad(i, "unexpected "+char(b[i])+"; want ',' or '}' after an object member")
			}
		}
	}
}

// tail reads what follows an envelope's value array: one more member, or
// the envelope's '}'.
func (r *Reader) tail() error {
	c, ok := r.skip()
	if !ok {
		return r.short(false, "in the envelope; want '}'")
	}
	if c == '}' {
		r.pos++
		r.st = stEnd
		return nil
	}
	if c != ',' {
		return r.errorAt(r.pos, "unexpected %s; want ',' or '}' after the value array", char(c))
	}
	r.pos++
	if _, ok = r.skip(); !ok {
		return r.short(true, "in the envelope; want a member after ','")
	}
	var name string
	var valStart int
	end, err := r.step(func(b []byte, i int) (int, int) {
		keyStart := i
		i, st := r.sc.key(b, i)
		if st != scanOK {
			return i, st
		}
		name, valStart = memberName(b[keyStart:i]), i
		return r.sc.value(b, i)
	}, "in the envelope")
	switch {
	case err != nil:
		return err
	case name == "value":
		return r.errorAt(r.pos, `the envelope has a second "value"`)
	case name == "@odata.context":
		r.context, r.hasContext = contextString(r.buf[valStart:end]), true
	case name == "@odata.nextLink":
		r.nextLink, r.hasNextLink = contextString(r.buf[valStart:end]), true
	}
	r.pos = end
	return nil
}

// memberName returns the decoded name of the member whose text, from its
// opening quote to its colon, is text.
func memberName(text []byte) string {
	q := bytes.LastIndexByte(text, '"')
	raw := text[:q+1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1:q])
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// contextString decodes the JSON value of @odata.context (or
// @odata.nextLink); "" when it is not a string.
func contextString(raw []byte) string {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
