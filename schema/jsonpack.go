package schema

import "unsafe"

// pack gives the strings of m that lie in text, the record's JSON that
// UnmarshalJSON read in place, copies of their own, packed end to end in
// two allocations; the others (the well-known values, strings that held
// escapes) are left as they are. So a record keeps none of its input
// alive, and its strings sit together instead of spread over the
// kilobyte or so of its JSON.
//
// The first allocation holds the strings of the filterable fields,
// computerDnsName's and the tags' side by side; the second all the rest.
// A filter reads a few dozen bytes of a record's text, in one cache line,
// and the next record's are close behind: over a large slice of machines
// those misses, not the evaluation, are what a Match costs (a record's
// strings in one allocation, hot and cold together, cost a third more on
// computerDnsName and machineTags).
func (m *Machine) pack(text string) {
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	p := packer{lo: lo, hi: hi}
	// The filterable strings, in one allocation; computerDnsName's and
	// the tags' bytes side by side.
	hot := [...]*string{&m.ComputerDNSName.V, &m.OSPlatform.V, &m.ID.V, &m.LastIPAddress.V}
	p.pack(hot[:], m.MachineTags, nil)
	cold := [...]*string{
		&m.Version.V, &m.AADDeviceID.V, &m.OnboardingStatus.V,
		&m.OSVersion.V, &m.OSProcessor.V, &m.LastExternalIPAddress.V, &m.AgentVersion.V,
		&m.RBACGroupName.V, &m.OSArchitecture.V,
	}
	p.pack(cold[:], nil, m.IPAddresses)
}

// packer moves strings that lie in [lo, hi) into new allocations.
type packer struct{ lo, hi uintptr }

func (p *packer) in(s string) bool {
	a := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return len(s) > 0 && a >= p.lo && a < p.hi
}

// pack moves those of the strings, then the tags, then the addresses'
// strings that lie in text into one allocation.
func (p *packer) pack(strs []*string, tags []string, addrs []IPAddress) {
	n := 0
	for _, s := range strs {
		if p.in(*s) {
			n += len(*s)
		}
		if s == strs[0] {
			for _, t := range tags {
				if p.in(t) {
					n += len(t)
				}
			}
		}
	}
	for i := range addrs {
		for _, s := range addrs[i].strings() {
			if p.in(*s) {
				n += len(*s)
			}
		}
	}
	if n == 0 {
		return
	}
	buf := make([]byte, 0, n)
	move := func(s *string) {
		if p.in(*s) {
			start := len(buf)
			buf = append(buf, *s...)
			*s = unsafe.String(&buf[start], len(*s))
		}
	}
	for _, s := range strs {
		move(s)
		if s == strs[0] {
			for j := range tags {
				move(&tags[j])
			}
		}
	}
	for i := range addrs {
		for _, s := range addrs[i].strings() {
			move(s)
		}
	}
}

// strings returns the addresses of a's four strings.
func (a *IPAddress) strings() [4]*string {
	return [4]*string{&a.IPAddress.V, &a.MACAddress.V, &a.Type.V, &a.OperationalStatus.V}
}
