// schemac's entry point; the command line lives in driver.cpp.
#include "compiler/driver/driver.h"

int main(int argc, char** argv) { return schemac::driver::Main(argc, argv); }
