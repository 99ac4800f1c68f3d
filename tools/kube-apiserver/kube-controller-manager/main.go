// Command kube-controller-manager is upstream's
// cmd/kube-controller-manager/controller-manager.go, built from this wrapper
// module (see go.mod) for packages/testenv: its garbage collector and
// namespace controller delete what owner references and Foreground deletion
// ask for, which kube-apiserver alone never does.
package main

import (
	"os"
	_ "time/tzdata" // for CronJob time zones, as upstream

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"          // for JSON log format registration
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // load all the prometheus client-go plugins
	_ "k8s.io/component-base/metrics/prometheus/version"  // for version metric registration
	"k8s.io/kubernetes/cmd/kube-controller-manager/app"

	_ "tools/kube-apiserver/internal/diewithparent"
)

func main() {
	command := app.NewControllerManagerCommand()
	code := cli.Run(command)
	os.Exit(code)
}
