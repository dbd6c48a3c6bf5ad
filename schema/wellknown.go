package schema

// wellKnown returns the one shared copy of s when s is one of the values
// Defender writes again and again in the fields with a small, documented
// set of values (osPlatform, osProcessor, osArchitecture,
// onboardingStatus, and an ipAddresses element's type and
// operationalStatus), and ok false otherwise.
//
// The decoders store these copies instead of a piece of the record's
// text or a copy of their own: a filter such as osPlatform eq 'Windows10'
// then reads bytes every record shares, which stay in the CPU's cache,
// rather than a cache line of each record's text. Over a large slice of
// decoded machines that miss, not the comparison, is what a Match costs.
// A value not in the list is stored as before; only speed depends on it.
func wellKnown(s string) (_ string, ok bool) {
	switch s {
	// osPlatform
	case "Windows10":
		return "Windows10", true
	case "Windows11":
		return "Windows11", true
	case "Windows7":
		return "Windows7", true
	case "Windows8":
		return "Windows8", true
	case "Windows8Blue":
		return "Windows8Blue", true
	case "WindowsServer2008R2":
		return "WindowsServer2008R2", true
	case "WindowsServer2012":
		return "WindowsServer2012", true
	case "WindowsServer2012R2":
		return "WindowsServer2012R2", true
	case "WindowsServer2016":
		return "WindowsServer2016", true
	case "WindowsServer2019":
		return "WindowsServer2019", true
	case "WindowsServer2022":
		return "WindowsServer2022", true
	case "WindowsServer2025":
		return "WindowsServer2025", true
	case "Linux":
		return "Linux", true
	case "macOS":
		return "macOS", true
	case "iOS":
		return "iOS", true
	case "Android":
		return "Android", true
	// osProcessor, osArchitecture
	case "x64":
		return "x64", true
	case "x86":
		return "x86", true
	case "ARM64":
		return "ARM64", true
	case "64-bit":
		return "64-bit", true
	case "32-bit":
		return "32-bit", true
	// onboardingStatus
	case "Onboarded":
		return "Onboarded", true
	case "CanBeOnboarded":
		return "CanBeOnboarded", true
	case "Unsupported":
		return "Unsupported", true
	case "InsufficientInfo":
		return "InsufficientInfo", true
	// an IpAddress's type and operationalStatus
	case "Ethernet":
		return "Ethernet", true
	case "Wireless80211":
		return "Wireless80211", true
	case "Loopback":
		return "Loopback", true
	case "Tunnel":
		return "Tunnel", true
	case "Other":
		return "Other", true
	case "Up":
		return "Up", true
	case "Down":
		return "Down", true
	case "Unknown":
		return "Unknown", true
	}
	return s, false
}
