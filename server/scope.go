package server

import (
	"crypto/subtle"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// scope is the set of machines one caller may see: all of them, or the
// indices, in record order, of the machines in its groups. It is computed
// once, at New, so a request runs its query over the scope's machines and
// nothing else: no filter can widen a scope.
type scope struct {
	all     bool
	size    int            // machines in the scope; -1 when a Source holds them (it counts them when asked)
	groups  map[int64]bool // the allowed rbacGroupIds; nil when all
	list    []int64        // the same, sorted, for a Source; nil when all
	indices []int          // the machines in the scope; nil when all or with a Source
}

// contains reports whether machine i of h is in the scope.
func (s *scope) contains(h *Handler, i int) bool {
	if s.all {
		return true
	}
	g := h.machines[i].RBACGroupID
	return g.Valid && s.groups[g.V]
}

// each calls f with the index of every machine in the scope, in record
// order, until f returns false.
func (s *scope) each(f func(i int) bool) {
	if s.all {
		for i := range s.size {
			if !f(i) {
				return
			}
		}
		return
	}
	for _, i := range s.indices {
		if !f(i) {
			return
		}
	}
}

// tokenScope is one configured bearer token and what it may see.
type tokenScope struct {
	token []byte
	scope *scope
}

// tokenScopes builds the scope of every token, sorted by token so that
// the order does not depend on map iteration.
func (h *Handler) tokenScopes(tokens map[string][]int64) ([]tokenScope, error) {
	out := make([]tokenScope, 0, len(tokens))
	for tok, groups := range tokens {
		if strings.TrimSpace(tok) != tok || tok == "" {
			return nil, errors.New("server: a token may not be empty or start or end with white space")
		}
		out = append(out, tokenScope{token: []byte(tok), scope: h.groupScope(groups)})
	}
	slices.SortFunc(out, func(a, b tokenScope) int { return strings.Compare(string(a.token), string(b.token)) })
	return out, nil
}

// groupScope is the scope of the machines in groups; every machine when
// groups is empty. A machine with a null rbacGroupId is in no group.
func (h *Handler) groupScope(groups []int64) *scope {
	if len(groups) == 0 {
		return h.all
	}
	s := &scope{groups: make(map[int64]bool, len(groups)), indices: []int{}}
	for _, g := range groups {
		s.groups[g] = true
	}
	if h.src != nil {
		s.list = slices.Sorted(maps.Keys(s.groups))
		s.size, s.indices = -1, nil
		return s
	}
	for i := range h.machines {
		if s.contains(h, i) {
			s.indices = append(s.indices, i)
		}
	}
	s.size = len(s.indices)
	return s
}

// authorize returns the scope of the request's bearer token: h.all when
// no tokens are configured, and false when the request names no
// configured token. Every token is compared, in constant time, so the
// time taken says nothing about how close a guess was.
func (h *Handler) authorize(r *http.Request) (*scope, bool) {
	if h.tokens == nil {
		return h.all, true
	}
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil, false
	}
	given := []byte(strings.TrimSpace(tok))
	var found *scope
	for _, t := range h.tokens {
		if subtle.ConstantTimeCompare(t.token, given) == 1 {
			found = t.scope
		}
	}
	return found, found != nil
}
