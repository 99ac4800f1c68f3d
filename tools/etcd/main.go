// Command etcd runs etcd's own entry point (server/etcdmain), built from this
// wrapper module (see go.mod) for packages/testenv.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
