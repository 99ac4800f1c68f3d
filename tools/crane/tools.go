//go:build tools

// Package tools pins crane (go-containerregistry): it assembles the functions'
// runtime images as OCI layouts without a Docker daemon, and serves the local
// registry Crossplane's package manager pulls from in the end-to-end tests.
package tools

import _ "github.com/google/go-containerregistry/cmd/crane"
