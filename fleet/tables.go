package fleet

// The distributions of the generated fleet. Weights are per mille unless
// they say otherwise; an empty string stands for null.

// anchor is the fleet's "now", 2025-06-01T00:00:00Z: lastSeen is spread over
// the months before it. It is fixed so that a seed always gives the same
// fleet.
const anchor = 1748736000

const (
	day         = 86400
	notBefore   = 1451606400 // 2016-01-01Z, the earliest firstSeen
	staleFrom   = 1496275200 // 2017-06-01Z: the oldest forgotten machines
	staleBefore = 1559347200 // 2019-06-01Z
)

// kind is what sort of machine a record is; it shapes names, groups and
// the undocumented fields.
type kind uint8

const (
	workstation kind = iota
	server
	linux
	mac
	unknown // found by device discovery: no platform known
)

// release is one operating-system release of a platform.
type release struct {
	build     int    // osBuild; 0 writes null
	version   string // version, as Defender shows it ("22H2")
	osVersion string // osVersion; for Windows the prefix before ".UBR"
}

// platform is one osPlatform value with its releases and agent versions.
type platform struct {
	name     string // osPlatform
	kind     kind
	releases []release
	agents   []string // agentVersion prefixes (Windows: before OS build)
}

var (
	windowsAgents = []string{"10.8210.", "10.8560.", "10.8672.", "10.8760.", "10.8805."}
	nixAgents     = []string{"101.23082.0011", "101.24032.0007", "101.24052.0002", "101.24072.0001"}
)

var platforms = weighted([]*platform{
	{"Windows10", workstation, []release{
		{19045, "22H2", "10.0.19045"}, {19044, "21H2", "10.0.19044"},
		{19043, "21H1", "10.0.19043"}, {18363, "1909", "10.0.18363"}}, windowsAgents},
	{"Windows11", workstation, []release{
		{22631, "23H2", "10.0.22631"}, {22621, "22H2", "10.0.22621"},
		{26100, "24H2", "10.0.26100"}, {22000, "21H2", "10.0.22000"}}, windowsAgents},
	{"WindowsServer2019", server, []release{{17763, "1809", "10.0.17763"}}, windowsAgents},
	{"WindowsServer2022", server, []release{{20348, "21H2", "10.0.20348"}}, windowsAgents},
	{"WindowsServer2016", server, []release{{14393, "1607", "10.0.14393"}}, windowsAgents},
	{"Windows7", workstation, []release{{7601, "SP1", "6.1.7601"}}, windowsAgents},
	{"Linux", linux, []release{
		{0, "22.04", "22.04"}, {0, "20.04", "20.04"}, {0, "9.3", "9.3"},
		{0, "12", "12"}, {0, "2023", "2023"}}, nixAgents},
	{"macOS", mac, []release{
		{0, "14.4", "14.4.1"}, {0, "13.6", "13.6.6"}, {0, "15.0", "15.0"}}, nixAgents},
	{"", unknown, []release{{}}, nil},
}, 440, 260, 70, 70, 15, 5, 80, 50, 10)

// group is a machine group (rbacGroupId, rbacGroupName) and the department
// codes of the host names in it.
type group struct {
	id    int
	name  string
	depts []string
}

var (
	workstationGroups = weighted([]group{
		{140, "The-A-Team", []string{"hr", "ops", "it", "mkt"}},
		{141, "Finance", []string{"fin"}},
		{160, "Engineering", []string{"eng", "dev"}},
		{170, "Sales", []string{"sales"}},
		{201, "Contoso-EU", []string{"eu", "muc", "par"}},
		{100, "Ungrouped devices (default)", []string{"misc"}},
	}, 330, 170, 200, 130, 120, 50)
	serverGroups = weighted([]group{
		{150, "Servers-Prod", []string{"sql", "web", "app", "file", "dc"}},
		{151, "Servers-Test", []string{"sql", "web", "app", "ci"}},
		{140, "The-A-Team", []string{"ops", "it"}},
	}, 600, 250, 150)
)

// How rbacGroupId is written: a number, a numeric string, or null.
const (
	rbacNumber = iota
	rbacString
	rbacNull
)

var rbacForm = weighted([]int{rbacNumber, rbacString, rbacNull}, 900, 70, 30)

var healthStatuses = weighted([]string{
	"Active", "Inactive", "ImpairedCommunication", "NoSensorData",
	"NoSensorDataImpairedCommunication", "Unknown", "",
}, 780, 120, 30, 30, 20, 15, 5)

var (
	riskScores     = weighted([]string{"None", "Informational", "Low", "Medium", "High", ""}, 300, 100, 250, 200, 80, 70)
	exposureLevels = weighted([]string{"None", "Low", "Medium", "High", ""}, 50, 350, 420, 120, 60)
	deviceValues   = weighted([]string{"Normal", "Low", "High", ""}, 850, 50, 70, 30)
	onboarding     = weighted([]string{"Onboarded", "CanBeOnboarded", "Unsupported", "InsufficientInfo"}, 900, 60, 25, 15)
	architectures  = weighted([]string{"64-bit", "32-bit", ""}, 950, 30, 20)
)

// Offsets other than Z, in minutes; 920 per mille of records write Z.
var offsets = []int{0, -300, -480, 60, 120, 330, 540, -210, 345, 840, -720}

// Host names: a pattern per kind, then a domain. An empty prefix stands
// for a non-ASCII name (nonASCIINames).
type namePattern struct {
	prefix string
	dept   bool // the group's department code and "-" follow the prefix
	tail   tail
	width  int // digits of a tailNumber; 1 writes the number unpadded
}

// tail is what ends a host name's first label.
type tail uint8

const (
	tailNumber    tail = iota // a number
	tailRandom                // seven random letters and digits, as Windows names new PCs
	tailFirstName             // a user's first name
)

var (
	workstationNames = weighted([]namePattern{
		{"ws-", true, tailNumber, 4}, {"mymachine", false, tailNumber, 1},
		{"desktop-", false, tailRandom, 0}, {"laptop-", false, tailFirstName, 0},
		{"", false, tailNumber, 2}, {"WS-", true, tailNumber, 4},
		{"MyMachine", false, tailNumber, 1},
	}, 600, 40, 150, 60, 80, 40, 10)
	serverNames = weighted([]namePattern{
		{"srv-", true, tailNumber, 2}, {"dc", false, tailNumber, 2}, {"", false, tailNumber, 2},
	}, 750, 220, 30)
	linuxNames = weighted([]namePattern{
		{"lnx-", true, tailNumber, 2}, {"k8s-node-", false, tailNumber, 3},
		{"build-agent-", false, tailNumber, 2},
	}, 500, 300, 200)
	macNames = weighted([]namePattern{
		{"mac-", true, tailNumber, 4}, {"mbp-", false, tailFirstName, 0},
	}, 600, 400)
	namesByKind = [...]*choice[namePattern]{
		workstation: &workstationNames, server: &serverNames, linux: &linuxNames,
		mac: &macNames, unknown: &workstationNames,
	}
)

// nonASCIINames are prefixes of non-ASCII host names (the empty patterns
// above), followed by a number.
var nonASCIINames = []string{
	"pc-münchen-", "büro-ws-", "東京-ws-", "josé-laptop-", "ørsted-lab-",
	"москва-ws-", "straße-kiosk-",
}

var firstNames = []string{"anna", "ben", "chloe", "dmitri", "emma", "farid", "grace", "hiro", "ines", "jonas", "kofi", "lena"}

var domains = weighted([]string{
	".contoso.com", ".corp.contoso.com", ".eu.contoso.com", ".fabrikam.com", ".contoso.local", "",
}, 700, 150, 60, 40, 30, 20)

// tags are machineTags elements as JSON text, escapes included, so that
// quotes, backslashes and \u escapes reach the output as real exports
// have them.
var tags = weighted([]string{
	`"ExampleTag"`, `"VIP"`, `"Pilot-Ring-1"`, `"PCI"`, `"Finance"`,
	`"test tag 1"`, `"test tag 2"`, `"Quarantine"`, `"exampletag"`, `"ExampleTag "`,
	`"Büro München"`, `"東京オフィス"`, `"caf\u00e9"`, `"Tag with \"quotes\""`, `"O'Brien's laptop"`,
	`"C:\\Temp\\kiosk"`, `"🖥 kiosk"`, `""`, `"line\nbreak"`, `"a,b"`,
}, 60, 60, 60, 40, 40, 40, 30, 15, 15, 5, 20, 15, 10, 10, 10, 5, 10, 5, 3, 5)

// How machineTags is written.
const (
	tagsMissing = iota
	tagsNull
	tagsEmpty
	tagsOne
	tagsSeveral
)

var tagForms = weighted([]int{tagsMissing, tagsNull, tagsEmpty, tagsOne, tagsSeveral}, 50, 50, 380, 300, 220)

var (
	egressIPs = []string{
		`"167.220.196.71"`, `"167.220.196.72"`, `"20.190.151.9"`, `"40.126.32.160"`,
		`"52.169.75.31"`, `"79.183.65.82"`, `"104.44.90.17"`, `"185.199.108.153"`,
	}
	publicFirstOctets = []int{20, 23, 31, 40, 52, 62, 79, 84, 91, 104, 151, 176, 185, 203}
	macPrefixes       = []string{"00155D", "000C29", "F8B156", "3C2C30", "A4BB6D", "ACDE48"}
	adapterTypes      = weighted([]string{"Ethernet", "Wireless80211", "Tunnel", ""}, 600, 350, 40, 10)
	operational       = weighted([]string{"Up", "Down", "Dormant", ""}, 850, 120, 20, 10)
)

// The undocumented fields.
var (
	avStatuses     = weighted([]string{"Updated", "NotUpdated", "Disabled", "NotSupported", "Unknown"}, 800, 100, 30, 30, 40)
	managers       = weighted([]string{"Intune", "ConfigMgr", "MicrosoftDefenderForEndpoint", "Unknown"}, 500, 200, 250, 50)
	managerStatus  = weighted([]string{"Success", "Unknown", "PendingFirstSync", "Failure"}, 850, 80, 50, 20)
	exclusions     = []string{"InactiveDevice", "DuplicateDevice", "Other"}
	cloudProviders = weighted([]string{"Azure", "AWS", "GCP"}, 800, 150, 50)
	subscriptions  = []string{
		"2b7f7f4a-1c56-4d0f-9d0b-6b1e1c1f6a01",
		"9c3e2d11-7a4b-4e55-8f3a-0d2c5b7e8f02",
		"e5a1b0c2-3d4e-4f60-a7b8-c9d0e1f2a303",
	}
)
