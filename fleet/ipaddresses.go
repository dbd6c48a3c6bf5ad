package fleet

// appendIPAddresses writes ipAddresses (or nothing, for 2% of records):
// null, [], or the adapter holding lastIpAddress, often with its IPv6
// link-local address, sometimes a disconnected wireless adapter and the
// loopback. ip is the record's lastIpAddress as JSON.
func appendIPAddresses(b []byte, r *rng, ip []byte) []byte {
	switch x := r.intn(1000); {
	case x < 20:
		return b
	case x < 40:
		return append(b, `,"ipAddresses":null`...)
	case x < 60:
		return append(b, `,"ipAddresses":[]`...)
	}
	b = append(b, `,"ipAddresses":[{"ipAddress":`...)
	b = append(b, ip...)
	b = append(b, `,"macAddress":`...)
	mac := len(b)
	b = appendMAC(b, r)
	macEnd := len(b)
	b = append(b, `,"type":`...)
	b = appendNullString(b, adapterTypes.pick(r))
	b = append(b, `,"operationalStatus":"Up"}`...)
	if r.chance(500) {
		b = append(b, `,{"ipAddress":"fe80::`...)
		for k := range 4 {
			if k > 0 {
				b = append(b, ':')
			}
			b = appendHex(b, r, 4, hexLower)
		}
		b = append(b, `","macAddress":`...)
		b = append(b, b[mac:macEnd]...)
		b = append(b, `,"type":"Ethernet","operationalStatus":"Up"}`...)
	}
	if r.chance(150) {
		b = append(b, `,{"ipAddress":`...)
		b = appendIPv4(b, 169, 254, r.intn(256), r.between(1, 254))
		b = append(b, `,"macAddress":`...)
		b = appendMAC(b, r)
		b = append(b, `,"type":"Wireless80211","operationalStatus":`...)
		b = appendNullString(b, operational.pick(r))
		b = append(b, '}')
	}
	if r.chance(80) {
		b = append(b, `,{"ipAddress":"127.0.0.1","macAddress":null,"type":"SoftwareLoopback","operationalStatus":"Up"}`...)
	}
	return append(b, ']')
}

// appendMAC writes a MAC address as Defender does, twelve upper-case hex
// digits, with a common vendor prefix; null for 2%.
func appendMAC(b []byte, r *rng) []byte {
	if r.chance(20) {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = append(b, uniform(r, macPrefixes)...)
	b = appendHex(b, r, 6, hexUpper)
	return append(b, '"')
}

// appendVMMetadata writes vmMetadata: an object for most servers and Linux
// machines (cloud VMs), null for the rest.
func appendVMMetadata(b []byte, r *rng, k kind) []byte {
	perMille := 20
	if k == server || k == linux {
		perMille = 600
	}
	if !r.chance(perMille) {
		return append(b, "null"...)
	}
	sub := uniform(r, subscriptions)
	b = append(b, `{"vmId":`...)
	b = appendGUID(b, r, false)
	b = append(b, `,"cloudProvider":`...)
	b = appendString(b, cloudProviders.pick(r))
	b = append(b, `,"resourceId":"/subscriptions/`...)
	b = append(b, sub...)
	b = append(b, `/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-`...)
	b = appendPad(b, r.intn(10000), 4)
	b = append(b, `","subscriptionId":"`...)
	b = append(b, sub...)
	return append(b, `"}`...)
}
