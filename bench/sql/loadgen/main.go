// Command loadgen is the load generator of bench/sql/run.sh: C clients
// send GET requests to a server over loopback for a while, taking the
// targets in turn, and it prints one line:
//
//	REQ_PER_S P50_MS P99_MS NON200 ERRORS
//
//	loadgen [-c 8] [-d 10s] BASE TOKEN:PATH...
//
// BASE is the server's address (http://127.0.0.1:PORT); each target is a
// bearer token and a path with its query, sent as given. A body is read
// to its end before the next request, as a client would.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

type target struct{ token, path string }

func main() {
	clients := flag.Int("c", 8, "concurrent clients")
	dur := flag.Duration("d", 10*time.Second, "how long to send requests")
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadgen [-c N] [-d DURATION] BASE TOKEN:PATH...")
		os.Exit(2)
	}
	base := flag.Arg(0)
	var targets []target
	for _, a := range flag.Args()[1:] {
		tok, path, ok := strings.Cut(a, ":")
		if !ok {
			fmt.Fprintf(os.Stderr, "loadgen: %q is not TOKEN:PATH\n", a)
			os.Exit(2)
		}
		targets = append(targets, target{tok, path})
	}
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: *clients},
		Timeout:   30 * time.Second,
	}
	var (
		mu      sync.Mutex
		lat     []time.Duration
		non200  int
		errs    int
		firstEr string
		wg      sync.WaitGroup
	)
	deadline := time.Now().Add(*dur)
	start := time.Now()
	for c := range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad, failed := 0, 0
			for k := c; time.Now().Before(deadline); k++ {
				t := targets[k%len(targets)]
				req, err := http.NewRequest("GET", base+t.path, nil)
				if err != nil {
					fmt.Fprintln(os.Stderr, "loadgen:", err)
					os.Exit(2)
				}
				req.Header.Set("Authorization", "Bearer "+t.token)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed++
					mu.Lock()
					if firstEr == "" {
						firstEr = err.Error()
					}
					mu.Unlock()
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(t0))
				if resp.StatusCode != http.StatusOK {
					bad++
					mu.Lock()
					if firstEr == "" {
						firstEr = fmt.Sprintf("%s: status %d", t.path, resp.StatusCode)
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			non200 += bad
			errs += failed
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	pct := func(p int) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[(len(lat)-1)*p/100].Microseconds()) / 1000
	}
	fmt.Printf("%.0f %.2f %.2f %d %d\n", float64(len(lat))/elapsed.Seconds(), pct(50), pct(99), non200, errs)
	if firstEr != "" {
		fmt.Fprintln(os.Stderr, "loadgen: first failure:", firstEr)
	}
}
