// A main for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput
// once on every file named on the command line (directories: every file in
// them but dotfiles, sorted). CTest uses it to replay fuzz/regressions/<target>/
// in the normal build; a crash or a broken property aborts, failing the test.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fuzz/fuzz.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file() && e.path().filename().string()[0] != '.') inputs.push_back(e.path());
    } else if (fs::exists(p)) {
      inputs.push_back(p);
    } else {
      std::cerr << "no such file or directory: " << p.string() << "\n";
      return 1;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const auto& p : inputs) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string data = buf.str();
    std::cout << "replaying " << p.string() << " (" << data.size() << " bytes)" << std::endl;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  std::cout << inputs.size() << " inputs replayed" << std::endl;
  return 0;
}
