package jitmem

import "sync/atomic"

// Stats is a snapshot of this process's executable-memory use.
type Stats struct {
	// BytesMapped counts bytes currently mapped by jitmem, read-write or
	// sealed, rounded to whole pages.
	BytesMapped int64
	// RegionsLive counts mappings not yet returned to the kernel.
	RegionsLive int64
	// CodesLive counts code blobs added and not yet released or collected.
	CodesLive int64
	// BytesUsed counts bytes of code (with alignment padding) in live blobs.
	BytesUsed int64
	// Maps and Seals count, since the process started, the mappings made
	// and the system calls that sealed them (mprotect to read-execute).
	Maps, Seals int64
}

var counters struct {
	bytesMapped atomic.Int64
	regionsLive atomic.Int64
	codesLive   atomic.Int64
	bytesUsed   atomic.Int64
	maps, seals atomic.Int64
}

// ReadStats returns the current counters. The fields are read one at a time,
// so a snapshot taken while other goroutines allocate may mix moments.
func ReadStats() Stats {
	return Stats{
		BytesMapped: counters.bytesMapped.Load(),
		RegionsLive: counters.regionsLive.Load(),
		CodesLive:   counters.codesLive.Load(),
		BytesUsed:   counters.bytesUsed.Load(),
		Maps:        counters.maps.Load(),
		Seals:       counters.seals.Load(),
	}
}
