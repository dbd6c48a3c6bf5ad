package fleet

// The appenders of single fields, or small groups of fields that are drawn
// together. Each writes the value (or ",\"name\":value" pairs, when it
// owns several) and returns the buffer.

const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"

// appendMergeFields writes the undocumented fields that lead a record.
func appendMergeFields(b []byte, r *rng) []byte {
	b = append(b, `,"mergedIntoMachineId":`...)
	if r.chance(50) {
		b = append(b, '"')
		b = appendHex(b, r, 40, hexLower)
		b = append(b, '"')
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"isPotentialDuplication":`...)
	b = appendBool(b, r.chance(50))
	excluded := r.chance(50)
	b = append(b, `,"isExcluded":`...)
	b = appendBool(b, excluded)
	b = append(b, `,"exclusionReason":`...)
	if excluded {
		return appendString(b, uniform(r, exclusions))
	}
	return append(b, "null"...)
}

// appendName writes computerDnsName: null for 1% of known machines and a
// third of discovered ones, otherwise a name of the kind's patterns.
func appendName(b []byte, r *rng, k kind, grp group) []byte {
	if r.chance(10) || k == unknown && r.chance(300) {
		return append(b, "null"...)
	}
	pat := namesByKind[k].pick(r)
	b = append(b, '"')
	if pat.prefix == "" {
		b = append(b, uniform(r, nonASCIINames)...)
	} else {
		b = append(b, pat.prefix...)
	}
	if pat.dept {
		b = append(b, uniform(r, grp.depts)...)
		b = append(b, '-')
	}
	switch pat.tail {
	case tailNumber:
		if pat.width == 1 {
			b = appendInt(b, r.between(3, 999))
		} else {
			b = appendPad(b, r.intn(pow10[pat.width]), pat.width)
		}
	case tailRandom:
		for range 7 {
			b = append(b, alnum[r.intn(len(alnum))])
		}
	case tailFirstName:
		b = append(b, uniform(r, firstNames)...)
	}
	b = append(b, domains.pick(r)...)
	return append(b, '"')
}

var pow10 = [...]int{1, 10, 100, 1000, 10000}

// appendOSVersion writes osVersion: "10.0.BUILD.UBR" for most Windows
// machines (sometimes without the UBR, sometimes null), the release for
// others.
func appendOSVersion(b []byte, r *rng, rel release, ubr int) []byte {
	switch x := r.intn(1000); {
	case rel.osVersion == "" || x < 80:
		return append(b, "null"...)
	case rel.build == 0 || x < 130:
		return appendString(b, rel.osVersion)
	}
	b = append(b, '"')
	b = append(b, rel.osVersion...)
	b = append(b, '.')
	b = appendInt(b, ubr)
	return append(b, '"')
}

// appendAgentVersion writes agentVersion: null for machines without the
// sensor; "10.SENSE.BUILD.UBR" on Windows, as the documented example has it;
// a release string on Linux and macOS.
func appendAgentVersion(b []byte, r *rng, p *platform, rel release, ubr int, agent bool) []byte {
	if !agent || r.chance(10) {
		return append(b, "null"...)
	}
	a := uniform(r, p.agents)
	if rel.build == 0 {
		return appendString(b, a)
	}
	b = append(b, '"')
	b = append(b, a...)
	b = appendInt(b, rel.build)
	b = append(b, '.')
	b = appendInt(b, ubr)
	return append(b, '"')
}

// appendLocalIP writes lastIpAddress: a private IPv4 address (10/8, then
// 172.16/12, then 192.168/16), an IPv6 address for 1%, null for 2%.
func appendLocalIP(b []byte, r *rng) []byte {
	switch x := r.intn(1000); {
	case x < 20:
		return append(b, "null"...)
	case x < 30:
		b = append(b, `"2001:db8:`...)
		b = appendHex(b, r, 4, hexLower)
		b = append(b, ':')
		b = appendHex(b, r, 4, hexLower)
		b = append(b, "::"...)
		b = appendHex(b, r, 4, hexLower)
		return append(b, '"')
	case x < 620:
		return appendIPv4(b, 10, r.intn(41), r.intn(256), r.between(1, 254))
	case x < 820:
		return appendIPv4(b, 172, r.between(16, 31), r.intn(256), r.between(1, 254))
	}
	return appendIPv4(b, 192, 168, r.intn(21), r.between(1, 254))
}

// appendExternalIP writes lastExternalIpAddress: one of a few office egress
// addresses for most machines, a random public one for home workers, or
// null.
func appendExternalIP(b []byte, r *rng) []byte {
	switch x := r.intn(1000); {
	case x < 50:
		return append(b, "null"...)
	case x < 250:
		return appendIPv4(b, uniform(r, publicFirstOctets), r.intn(256), r.intn(256), r.between(1, 254))
	}
	return append(b, uniform(r, egressIPs)...)
}

// appendGroup writes rbacGroupId and rbacGroupName. The id is a number, a
// numeric string ("140"), or null with a null name.
func appendGroup(b []byte, r *rng, grp group) []byte {
	b = append(b, `,"rbacGroupId":`...)
	switch rbacForm.pick(r) {
	case rbacNull:
		return append(b, `null,"rbacGroupName":null`...)
	case rbacString:
		b = append(b, '"')
		b = appendInt(b, grp.id)
		b = append(b, '"')
	default:
		b = appendInt(b, grp.id)
	}
	b = append(b, `,"rbacGroupName":`...)
	return appendString(b, grp.name)
}

// appendAAD writes isAadJoined and aadDeviceId: workstations are mostly
// joined, other machines mostly not; a joined machine mostly has a device
// GUID, an unjoined one rarely (hybrid registration).
func appendAAD(b []byte, r *rng, k kind) []byte {
	joinedPerMille := 50
	if k == workstation {
		joinedPerMille = 600
	}
	b = append(b, `,"isAadJoined":`...)
	guidPerMille := 0
	switch x := r.intn(1000); {
	case x < 50:
		b = append(b, "null"...)
	case x < 50+joinedPerMille:
		b = append(b, "true"...)
		guidPerMille = 970
	default:
		b = append(b, "false"...)
		guidPerMille = 30
	}
	b = append(b, `,"aadDeviceId":`...)
	if !r.chance(guidPerMille) {
		return append(b, "null"...)
	}
	return appendGUID(b, r, r.chance(10))
}

// appendTags writes machineTags, or nothing when the record has none: null,
// [], one tag, or two to four different tags, one of them repeated in one
// list of ten.
func appendTags(b []byte, r *rng) []byte {
	switch tagForms.pick(r) {
	case tagsMissing:
		return b
	case tagsNull:
		return append(b, `,"machineTags":null`...)
	case tagsEmpty:
		return append(b, `,"machineTags":[]`...)
	case tagsOne:
		b = append(b, `,"machineTags":[`...)
		b = append(b, tags.pick(r)...)
		return append(b, ']')
	}
	var list [4]string
	n := r.between(2, 4)
	for i := range n {
		list[i] = tags.pick(r)
		for j := 0; j < i; j++ {
			if list[j] == list[i] { // draw again, once: duplicates stay rare
				list[i] = tags.pick(r)
				break
			}
		}
	}
	if r.chance(100) {
		list[n-1] = list[r.intn(n-1)]
	}
	b = append(b, `,"machineTags":[`...)
	for i, tag := range list[:n] {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, tag...)
	}
	return append(b, ']')
}
