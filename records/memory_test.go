package records

import (
	"io"
	"runtime"
	"strconv"
	"testing"
)

// syntheticFleet is an io.Reader of an envelope of n machine-like records,
// made on the fly so a test can read hundreds of megabytes without holding
// them. Every sample records calls sample (to measure memory mid-stream).
type syntheticFleet struct {
	n, i   int
	every  int
	sample func()
	buf    []byte
	off    int
	done   bool
}

func (f *syntheticFleet) Read(p []byte) (int, error) {
	for f.off == len(f.buf) {
		if f.done {
			return 0, io.EOF
		}
		f.buf, f.off = f.buf[:0], 0
		switch {
		case f.i == 0 && f.n == 0:
			f.buf = append(f.buf, `{"@odata.context":"c","value":[]}`...)
			f.done = true
			continue
		case f.i == 0:
			f.buf = append(f.buf, "{\"@odata.context\":\"c\",\"value\":[\n"...)
		default:
			f.buf = append(f.buf, ",\n"...)
		}
		f.buf = appendMachine(f.buf, f.i)
		if f.i++; f.i == f.n {
			f.buf = append(f.buf, "\n]}\n"...)
			f.done = true
		}
		if f.sample != nil && f.i%f.every == 0 {
			f.sample()
		}
	}
	n := copy(p, f.buf[f.off:])
	f.off += n
	return n, nil
}

// appendMachine appends a record of about 700 bytes shaped like a
// Defender machine, with escapes, non-ASCII text and an unknown field.
func appendMachine(b []byte, i int) []byte {
	b = append(b, `{"id":"`...)
	for k := 0; k < 5; k++ {
		b = strconv.AppendUint(b, uint64(0x10000000+i*7919+k), 16)
	}
	b = append(b, `","computerDnsName":"host-`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `.contoso.com","firstSeen":"2018-08-02T14:55:03.7791856Z","lastSeen":"2025-05-30T13:09:43.4085971+02:00",`+
		`"osPlatform":"Windows11","osVersion":"10.0.22631.3737","osProcessor":"x64","version":"23H2","lastIpAddress":"10.1.2.3",`+
		`"lastExternalIpAddress":null,"agentVersion":"10.8760.22631.3737","osBuild":22631,"healthStatus":"Active",`+
		`"deviceValue":"Normal","rbacGroupId":140,"rbacGroupName":"The-A-Team","riskScore":"Medium","exposureLevel":"Low",`+
		`"isAadJoined":true,"aadDeviceId":"80fe8ff8-2624-418e-9591-41f0491218f9","machineTags":["Stra\u00dfe","東京 \"HQ\""],`+
		`"defenderAvStatus":"updated","vmMetadata":{"vmId":"x","cloudProvider":"Azure","scores":[1.0e2,-0.5]},`+
		`"ipAddresses":[{"ipAddress":"10.1.2.3","macAddress":"001122334455","type":"Ethernet","operationalStatus":"Up"}]}`...)
	return b
}

// copyFleet reads a synthetic fleet of n records and writes it back out as
// an envelope, and returns the peak heap in use above the starting point
// (sampled every 1,000 records) and the bytes allocated meanwhile.
func copyFleet(t *testing.T, n int) (peak, alloc uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, start := ms.HeapInuse, ms.TotalAlloc
	sample := func() {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > base {
			peak = max(peak, ms.HeapInuse-base)
		}
	}
	rd := NewReader(&syntheticFleet{n: n, every: 1000, sample: sample})
	w := NewEnvelopeWriter(io.Discard, rd.Context())
	count := 0
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec.Raw); err != nil {
			t.Fatal(err)
		}
		count++
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("read %d records, want %d", count, n)
	}
	sample()
	return peak, ms.TotalAlloc - start
}

// TestMemoryFlat reads and writes 2,000 and 200,000 records (about 1.4 MB
// and 140 MB): the peak heap and the allocations must be about the same.
func TestMemoryFlat(t *testing.T) {
	smallPeak, smallAlloc := copyFleet(t, 2000)
	largePeak, largeAlloc := copyFleet(t, 200000)
	t.Logf("2,000 records: peak heap +%d KiB, %d KiB allocated; 200,000 records: peak heap +%d KiB, %d KiB allocated",
		smallPeak>>10, smallAlloc>>10, largePeak>>10, largeAlloc>>10)
	const slack = 1 << 20
	if largePeak > 2*smallPeak+slack {
		t.Errorf("peak heap grew with the input: +%d KiB for 200,000 records, +%d KiB for 2,000", largePeak>>10, smallPeak>>10)
	}
	if largeAlloc > 2*smallAlloc+slack {
		t.Errorf("allocation grew with the input: %d KiB for 200,000 records, %d KiB for 2,000", largeAlloc>>10, smallAlloc>>10)
	}
}
