package schema

import "unsafe"

// pack gives the strings of m that lie in text, the record's JSON that
// UnmarshalJSON read in place, one new allocation of their own, packed
// end to end; the others (the well-known values, strings that held
// escapes) are left as they are. So a record keeps none of its input
// alive, and its strings sit together instead of spread over the
// kilobyte or so of its JSON.
//
// The strings of the filterable fields come first, those filters read
// most at the front: a filter on computerDnsName and machineTags reads one
// or two cache lines of a record's text, not two lines a few hundred bytes
// apart. Over a large slice of machines those misses, not the
// evaluation, are what a Match costs.
func (m *Machine) pack(text string) {
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	in := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= lo && p < hi
	}
	scalars := [...]*string{
		&m.ComputerDNSName.V, &m.OSPlatform.V, &m.ID.V, &m.LastIPAddress.V,
		&m.Version.V, &m.AADDeviceID.V, &m.OnboardingStatus.V,
		&m.OSVersion.V, &m.OSProcessor.V, &m.LastExternalIPAddress.V, &m.AgentVersion.V,
		&m.RBACGroupName.V, &m.OSArchitecture.V,
	}
	n := 0
	for i, s := range scalars {
		if in(*s) {
			n += len(*s)
		}
		if i == 0 {
			for _, t := range m.MachineTags {
				if in(t) {
					n += len(t)
				}
			}
		}
	}
	for i := range m.IPAddresses {
		for _, s := range m.IPAddresses[i].strings() {
			if in(*s) {
				n += len(*s)
			}
		}
	}
	if n == 0 {
		return
	}
	buf := make([]byte, 0, n)
	move := func(s *string) {
		if in(*s) {
			start := len(buf)
			buf = append(buf, *s...)
			*s = unsafe.String(&buf[start], len(*s))
		}
	}
	for i, s := range scalars {
		move(s)
		if i == 0 {
			for j := range m.MachineTags {
				move(&m.MachineTags[j])
			}
		}
	}
	for i := range m.IPAddresses {
		for _, s := range m.IPAddresses[i].strings() {
			move(s)
		}
	}
}

// strings returns the addresses of a's four strings.
func (a *IPAddress) strings() [4]*string {
	return [4]*string{&a.IPAddress.V, &a.MACAddress.V, &a.Type.V, &a.OperationalStatus.V}
}
