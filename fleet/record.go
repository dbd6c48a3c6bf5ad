package fleet

// generator appends generated machine records to a buffer. Its draws come
// in a fixed order, so a seed fixes every byte.
type generator struct {
	r  *rng
	ip []byte // the current record's lastIpAddress as JSON, reused
}

// appendRecord appends one machine record, a JSON object on one line.
//
// One record in ten has the 2018 shape of the documented example response
// (no osProcessor, version, deviceValue, exposureLevel, onboardingStatus,
// osArchitecture or ipAddresses); the rest have every documented field, in
// the order the API writes them, and a third of those also carry the
// undocumented fields.
func (g *generator) appendRecord(b []byte) []byte {
	r := g.r
	p := platforms.pick(r)
	modern := !r.chance(100)
	extras := modern && r.chance(350)
	grp := workstationGroups.pick(r)
	if p.kind == server {
		grp = serverGroups.pick(r)
	}
	onboard := "InsufficientInfo"
	if p.kind != unknown {
		onboard = onboarding.pick(r)
	}
	agent := p.kind != unknown && (!modern || onboard == "Onboarded")
	rel := uniform(r, p.releases)
	ubr := r.between(1000, 5000)
	health := healthStatuses.pick(r)

	b = append(b, `{"id":"`...)
	b = appendHex(b, r, 40, hexLower)
	b = append(b, '"')
	if extras {
		b = appendMergeFields(b, r)
	}
	b = append(b, `,"computerDnsName":`...)
	b = appendName(b, r, p.kind, grp)
	first, last := drawTimes(r, health)
	b = append(b, `,"firstSeen":`...)
	b = appendTimestamp(b, first)
	b = append(b, `,"lastSeen":`...)
	b = appendTimestamp(b, last)
	b = append(b, `,"osPlatform":`...)
	b = appendNullString(b, p.name)
	b = append(b, `,"osVersion":`...)
	b = appendOSVersion(b, r, rel, ubr)
	arch := architectures.pick(r)
	if modern {
		b = append(b, `,"osProcessor":`...)
		b = appendNullString(b, processor(r, p.kind, arch))
		b = append(b, `,"version":`...)
		b = appendNullString(b, maybe(r, rel.version, 970))
	}
	g.ip = appendLocalIP(g.ip[:0], r)
	b = append(b, `,"lastIpAddress":`...)
	b = append(b, g.ip...)
	b = append(b, `,"lastExternalIpAddress":`...)
	b = appendExternalIP(b, r)
	b = append(b, `,"agentVersion":`...)
	b = appendAgentVersion(b, r, p, rel, ubr, agent)
	b = append(b, `,"osBuild":`...)
	if rel.build > 0 && !r.chance(20) {
		b = appendInt(b, rel.build)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"healthStatus":`...)
	b = appendNullString(b, health)
	if modern {
		b = append(b, `,"deviceValue":`...)
		b = appendNullString(b, deviceValues.pick(r))
	}
	b = appendGroup(b, r, grp)
	b = append(b, `,"riskScore":`...)
	b = appendNullString(b, riskScores.pick(r))
	if modern {
		b = append(b, `,"exposureLevel":`...)
		b = appendNullString(b, exposureLevels.pick(r))
	}
	b = appendAAD(b, r, p.kind)
	b = appendTags(b, r)
	if extras {
		b = append(b, `,"defenderAvStatus":`...)
		b = appendString(b, avStatuses.pick(r))
	}
	if modern {
		b = append(b, `,"onboardingStatus":`...)
		b = appendString(b, onboard)
		b = append(b, `,"osArchitecture":`...)
		b = appendNullString(b, arch)
	}
	if extras {
		b = append(b, `,"managedBy":`...)
		b = appendString(b, managers.pick(r))
		b = append(b, `,"managedByStatus":`...)
		b = appendString(b, managerStatus.pick(r))
	}
	if modern {
		b = appendIPAddresses(b, r, g.ip)
	}
	if extras {
		b = append(b, `,"vmMetadata":`...)
		b = appendVMMetadata(b, r, p.kind)
	}
	return append(b, '}')
}

// maybe returns s with probability perMille/1000 and null ("") otherwise.
func maybe(r *rng, s string, perMille int) string {
	if r.chance(perMille) {
		return s
	}
	return ""
}

// drawTimes draws firstSeen and lastSeen. lastSeen follows the health
// status (Active machines reported in the last three days, Inactive ones
// more than seven days ago, a few of them years ago); firstSeen is up to
// four years earlier, or the same instant. Both use the record's offset.
func drawTimes(r *rng, health string) (first, last timestamp) {
	zulu, off := true, 0
	if !r.chance(920) {
		zulu, off = false, uniform(r, offsets)
	}
	var sec int64
	switch health {
	case "Active":
		sec = anchor - int64(r.intn(3*day))
	case "Inactive":
		if r.chance(30) {
			sec = staleFrom + int64(r.intn(staleBefore-staleFrom))
		} else {
			sec = anchor - 8*day - int64(r.intn(170*day))
		}
	case "Unknown", "":
		sec = anchor - int64(r.intn(365*day))
	default:
		sec = anchor - int64(r.intn(30*day))
	}
	last = timestamp{sec: sec, frac: r.intn(1e7), digits: drawDigits(r), off: off, zulu: zulu}
	first = last
	if !r.chance(20) {
		first.sec = max(notBefore, sec-int64(r.intn(4*365*day)))
		first.frac, first.digits = r.intn(1e7), drawDigits(r)
	}
	if r.chance(3) {
		last.sec = 0
	}
	if r.chance(5) {
		first.sec = 0
	}
	return first, last
}

// drawDigits draws how many fractional digits a timestamp has.
func drawDigits(r *rng) int {
	switch x := r.intn(1000); {
	case x < 15:
		return 0
	case x < 30:
		return 3
	}
	return 7
}

// processor is the deprecated osProcessor for an architecture.
func processor(r *rng, k kind, arch string) string {
	switch {
	case arch == "32-bit":
		return "x86"
	case arch == "" || r.chance(50):
		return ""
	case k == mac && r.chance(500):
		return "arm64"
	}
	return "x64"
}
