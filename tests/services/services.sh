# Services the tests need, installed and started on loopback by test.sh. Sourced, not run.

services_install() {
  :
}

services_start() {
  :
}

services_stop() {
  :
}
