# Ferrite: build, boot and test.
#
#   make run        boot the demo on BOARD (default virt-rv64; APP=bugzoo, ownership, ...),
#                   installing QEMU if missing; DEBUG=1 for a debug build
#                   (-Onone -g -D DEBUG: assert() and checks such as SpinLock's
#                   owner check on), e.g. `make run DEBUG=1`
#   make test       hosted `swift test` (with the compile-fail suite), qemu/run's own
#                   tests, the fuzz corpus replayed, then every board's on-target
#                   checks under QEMU
#   make firmware   build every image for BOARD (HEAP=tlsf|freelist|bump|debug)
#   make bench      the allocator benchmark (hosted, release build)
#   make fuzz       each libFuzzer target for FUZZ_TIME seconds (default 60)
#   make asan/tsan  the hosted tests under AddressSanitizer / ThreadSanitizer
#   make heap-maps  the W2 heap maps (SVG) in Tests/HeapMap
#   make board-figures  every board's image, heap and allocator sizes
#   make boot ELF=/abs/path.elf [HARTS=n]   boot any image built for BOARD
#                   (qemu/run's time limit and exit rules; status = the guest's)
#   make clean
#
# Your own firmware in its own folder: include ferrite.mk from its Makefile
# (README "Your own firmware"); it calls this Makefile with APP_SRCS and BUILD.
# Adding a board: its folder in Sources/Boards/ (with board.mk), linker/<board>.ld,
# and its name on the BOARDS line below (README "Adding a board").

BOARDS := virt-rv64 virt-rv32 virt-aarch64 mps2-an386 microbit

BOARD   ?= virt-rv64
HEAP    ?= tlsf
APP     ?= demo
TIMEOUT ?= 60
# Runs on four harts oversubscribe the host's cores (a boot may take tens of
# seconds on a busy machine): their own, longer limit.
SMP_TIMEOUT ?= 240

TOOLCHAIN := $(patsubst %/swiftc,%,$(or $(shell command -v swiftc),/opt/swift/usr/bin/swiftc))
SWIFTC  := $(TOOLCHAIN)/swiftc
CLANG   := $(TOOLCHAIN)/clang
LLD     := $(TOOLCHAIN)/ld.lld
NM      := $(TOOLCHAIN)/llvm-nm
OBJDUMP := $(TOOLCHAIN)/llvm-objdump

ifeq ($(wildcard Sources/Boards/$(BOARD)/board.mk),)
$(error BOARD=$(BOARD): no Sources/Boards/$(BOARD)/board.mk (boards: $(BOARDS)))
endif
# A board.mk sets: TRIPLE, CLANG_TARGET, ARCH_CFLAGS, ARCH_DIRS, QEMU, QEMU_DEB,
# FAULT_TEXT; and optionally BOARD_DIRS (folders of sources shared with
# sibling boards), LIBGCC_CMD/LIBGCC_DEB, SWIFT_ARCH_FLAGS, QEMU_SMP4 (the
# 4-hart proof runs only where it is set), CONFIG_BLOB_ADDR (the blob tests
# run only where it is set), BOARD_IMAGES (extra images, e.g. bench) and
# DEBUG_OPTIMIZE (what DEBUG=1 optimises with; -Onone by default).
# Every board boots with no device QEMU would add by default (a network card
# whose option ROM a fresh machine lacks: apt installs QEMU without its
# recommends, so no ipxe-qemu), just the console on stdio and no monitor;
# a board's QEMU line adds what it uses. qemu/run fails a run in which QEMU
# reports a missing ROM, device or file.
QEMU_HEADLESS := -nodefaults -display none -serial stdio -monitor none
BOARD_DIRS := Sources/Boards/$(BOARD)
include Sources/Boards/$(BOARD)/board.mk

# DEBUG=1: a debug build of every image (Swift -Onone -g -D DEBUG, so
# assert() and the `#if DEBUG` checks such as SpinLock's owner check are on;
# C and assembly -O0 -g), in build/<board>/<heap>-DEBUG: `make run DEBUG=1`.
# A board whose flash cannot hold -Onone code sets DEBUG_OPTIMIZE (microbit:
# -Osize). The core module takes -gdwarf-types, the same DWARF: with plain -g,
# swiftc would also wrap Ferrite.swiftmodule into an object named Ferrite.o,
# colliding with ours.
DEBUG   ?=
DEBUG_OPTIMIZE ?= -Onone
SWIFT_OPTIMIZE := $(if $(DEBUG),$(DEBUG_OPTIMIZE) -D DEBUG,-Osize)
SWIFT_DEBUG_INFO := $(if $(DEBUG),-g)
CORE_DEBUG_INFO  := $(if $(DEBUG),-gdwarf-types)
C_OPTIMIZE     := $(if $(DEBUG),-O0 -g,-Os)
BUILD   := build/$(BOARD)/$(HEAP)$(if $(DEBUG),-DEBUG)
IMAGES  := demo ownership config selftest selftest-failing fault hang doublefree oom stacksmash bugzoo \
           $(if $(QEMU_SMP4),smp) $(BOARD_IMAGES)
# Sources an image takes from outside its folder: the bench replays the hosted
# benchmark's own trace generator.
IMAGE_EXTRA_bench := Sources/FerriteBench/Traces.swift
# The bug zoo quotes the compile-fail suite's diagnostics (generated from it).
IMAGE_EXTRA_bugzoo = $(BUILD)/CompilerSays.swift
# Images that use every core QEMU can start.
SMP_APPS := smp bugzoo

# An app outside Ferrite's tree (ferrite.mk): APP names it, APP_SRCS lists its
# Swift files (absolute paths), APP_FLAGS its own compiler flags, and BUILD is a
# folder of the user's. It is then the only image, built with the compiler's
# default stack protector on.
APP_SRCS  ?=
APP_FLAGS ?=
ifneq ($(strip $(APP_SRCS)),)
IMAGES := $(APP)
STACK_PROTECTED_IMAGES_EXTRA := $(APP)
endif

EMBEDDED := -target $(TRIPLE) -enable-experimental-feature Embedded -wmo $(SWIFT_OPTIMIZE) \
            -parse-as-library -swift-version 6 -enable-experimental-feature Extern \
            -enable-experimental-feature SymbolLinkageMarkers \
            -Xfrontend -function-sections -I Sources/Runtime/include \
            $(SWIFT_ARCH_FLAGS)
# The compiler's default is the stack protector on (the runtime defines
# __stack_chk_guard and __stack_chk_fail, Runtime/C/stack_protector.c). Ferrite's
# own images turn it off (NO_STACK_PROTECTOR) except those named here, which
# keep the default.
STACK_PROTECTED_IMAGES := stacksmash $(STACK_PROTECTED_IMAGES_EXTRA)
NO_STACK_PROTECTOR := -Xfrontend -disable-stack-protector
stack_protector = $(if $(filter $1,$(STACK_PROTECTED_IMAGES)),,$(NO_STACK_PROTECTOR))
HEAPS := tlsf freelist bump debug
HEAP_FLAGS_tlsf     :=
HEAP_FLAGS_debug    := -D FERRITE_HEAP_DEBUG
HEAP_FLAGS_freelist := -D FERRITE_HEAP_FREELIST
HEAP_FLAGS_bump     := -D FERRITE_HEAP_BUMP
ifeq ($(filter $(HEAP),$(HEAPS)),)
$(error HEAP must be one of: $(HEAPS))
endif
# No stack protector in the C runtime: it holds __stack_chk_fail and the boot
# code that sets __stack_chk_guard.
CFLAGS  := --target=$(CLANG_TARGET) $(ARCH_CFLAGS) $(C_OPTIMIZE) -ffreestanding -fno-builtin -fno-stack-protector \
           -ffunction-sections -fdata-sections -Wall -Werror -std=c11 -I Sources/Runtime/include

CORE_SRCS    := $(shell find Sources/Ferrite -name '*.swift' | sort)
PORT_DIRS    := $(BOARD_DIRS) $(ARCH_DIRS)
RUNTIME_SRCS := $(sort $(wildcard Sources/Runtime/*.swift) $(foreach d,$(PORT_DIRS),$(wildcard $d/*.swift)))
C_OBJS       := $(patsubst Sources/%.c,$(BUILD)/%.o,$(wildcard Sources/Runtime/C/*.c) $(foreach d,$(PORT_DIRS),$(wildcard $d/*.c))) \
                $(patsubst Sources/%.S,$(BUILD)/%.o,$(foreach d,$(PORT_DIRS),$(wildcard $d/*.S)))
UNICODE_LIB  := $(TOOLCHAIN)/../lib/swift/embedded/$(TRIPLE)/libswiftUnicodeDataTables.a
LIBGCC        = $(if $(LIBGCC_CMD),$(shell $(LIBGCC_CMD)))

.PHONY: boot check-example check-debug-build check-debug-demo test-qemu-run bench bench-target allocator-size smp-proof tsan all run firmware test test-hosted test-firmware check-board check-images check-config check-smp check-selftest check-debug-heap board-figures board-figure fuzz fuzz-replay asan heap-maps heap-map-firmware deps deps-build deps-qemu clean sizes
.DELETE_ON_ERROR:

all: firmware

# ---- system tools (Debian packages, installed when missing) ----------------
APT := $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get
deps: deps-build deps-qemu
deps-build:
	@[ -z "$(LIBGCC_CMD)" ] || command -v $(firstword $(LIBGCC_CMD)) >/dev/null || { \
	  echo "make: installing $(LIBGCC_DEB) (libgcc's soft-float helpers)"; \
	  $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $(LIBGCC_DEB) >/dev/null; }
deps-qemu:
	@command -v $(firstword $(QEMU)) >/dev/null || { \
	  echo "make: installing $(QEMU_DEB) (QEMU)"; \
	  $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $(QEMU_DEB) >/dev/null; }

# ---- firmware ---------------------------------------------------------------
firmware: deps-build $(IMAGES:%=$(BUILD)/%.elf)

$(BUILD)/Ferrite.o: $(CORE_SRCS) Makefile Sources/Boards/$(BOARD)/board.mk
	@mkdir -p $(@D)
	$(SWIFTC) $(EMBEDDED) $(CORE_DEBUG_INFO) $(NO_STACK_PROTECTOR) -module-name Ferrite -emit-module -emit-module-path $(BUILD)/Ferrite.swiftmodule \
	  -c $(CORE_SRCS) -o $@

# One Swift module per image: the runtime, the board and the app's own files.
image_dir = Sources/Firmware/$(patsubst %-failing,%,$1)
image_srcs = $(if $(strip $(APP_SRCS)),$(APP_SRCS),$(wildcard $(call image_dir,$1)/*.swift)) $(IMAGE_EXTRA_$1)
image_flags = $(if $(filter %-failing,$1),-D FERRITE_SELFTEST_INJECT_FAILURE) $(if $(strip $(APP_SRCS)),$(APP_FLAGS))
image_swiftc = $(EMBEDDED) $(SWIFT_DEBUG_INFO) $(call stack_protector,$1) $(HEAP_FLAGS_$(HEAP)) $(call image_flags,$1) \
  -I $(BUILD) -module-name Firmware -c $(RUNTIME_SRCS) $(call image_srcs,$1)

# <image>.flags holds the image's compile line and is rewritten only when it
# changes, so a changed -D (or an added or removed source) rebuilds the object
# instead of reusing a stale one.
.PHONY: FORCE
define IMAGE_RULES
$(BUILD)/$1.flags: FORCE
	@mkdir -p $$(@D)
	@printf '%s\n' '$(subst ','\'',$(call image_swiftc,$1))' | cmp -s - $$@ 2>/dev/null || \
	  printf '%s\n' '$(subst ','\'',$(call image_swiftc,$1))' > $$@

$(BUILD)/$1.o: $(BUILD)/$1.flags $(BUILD)/Ferrite.o $(RUNTIME_SRCS) $(call image_srcs,$1)
	$$(SWIFTC) $(call image_swiftc,$1) -o $$@

$(BUILD)/$1.elf: $(BUILD)/$1.o $(BUILD)/Ferrite.o $(C_OBJS) $(wildcard linker/*.ld) | deps-build
	$$(LLD) --gc-sections --orphan-handling=error -T linker/$(BOARD).ld -L linker -Map $$(@:.elf=.map) -o $$@ \
	  $$(BUILD)/$1.o $$(BUILD)/Ferrite.o $$(C_OBJS) $$(UNICODE_LIB) $$(LIBGCC)
	@linker/symcheck $$(NM) $$@
endef
$(foreach image,$(IMAGES),$(eval $(call IMAGE_RULES,$(image))))

$(BUILD)/CompilerSays.swift: Tests/CompileFail/make-compiler-says $(wildcard Tests/CompileFail/Snippets/*.fail.swift)
	@mkdir -p $(@D)
	Tests/CompileFail/make-compiler-says $@ $(wildcard Tests/CompileFail/Snippets/*.fail.swift)

$(BUILD)/%.o: Sources/%.c Makefile
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: Sources/%.S Makefile
	@mkdir -p $(@D)
	$(CLANG) --target=$(CLANG_TARGET) $(ARCH_CFLAGS) $(if $(DEBUG),-g) -c $< -o $@

# Section sizes of an image (APP=demo by default), in bytes.
sizes: $(BUILD)/$(APP).elf
	@echo "$(BOARD) $(APP).elf ($(HEAP) heap):"
	@$(OBJDUMP) -h $< | awk 'function hex(s, i, n) { n = 0; for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return n } \
	  $$2 ~ /^\.(text|rodata|data|got|bss|stacks)$$/ { printf "  %-8s %8d\n", $$2, hex($$3) }'

# One line per board for the README table: the demo's sections, the heap it
# gets, and each allocator's code size (make board-figures, every board).
board-figures:
	@for board in $(BOARDS); do \
	  $(MAKE) --no-print-directory -s BOARD=$$board board-figure || exit 1; done

board-figure: $(BUILD)/demo.elf
	@$(NM) $< | awk '$$3 == "__heap_start" { s = $$1 } $$3 == "__heap_end" { e = $$1 } \
	  function hex(x, i, n) { n = 0; x = tolower(x); for (i = 1; i <= length(x); i++) n = n * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1; return n } \
	  END { printf "%s heap: %d bytes\n", "$(BOARD)", hex(e) - hex(s) }'
	@$(MAKE) --no-print-directory -s sizes
	@for heap in $(HEAPS); do $(MAKE) --no-print-directory -s HEAP=$$heap allocator-size || exit 1; done

# ---- running ----------------------------------------------------------------
# HARTS=n: the harts a program wants (QEMU -smp n), at most what the board
# has: 4 on the virt boards, 1 on the Cortex-M ones (which ignore it). The
# program asks Runtime.startedHarts what it got. Runs on more than two harts
# get SMP_TIMEOUT.
HARTS ?=
ifneq ($(HARTS),)
ifneq ($(shell [ "$(HARTS)" -ge 1 ] 2>/dev/null && echo ok),ok)
$(error HARTS=$(HARTS): a number of harts, 1 or more)
endif
endif
BOARD_MAX_HARTS := $(if $(QEMU_SMP4),4,1)
BOOT_HARTS   = $(if $(HARTS),$(shell h=$(HARTS); [ $$h -gt $(BOARD_MAX_HARTS) ] && h=$(BOARD_MAX_HARTS); echo $$h))
BOOT_SMP     = $(if $(and $(QEMU_SMP4),$(HARTS)),-smp $(BOOT_HARTS))
BOOT_TIMEOUT = $(if $(filter-out 1 2,$(or $(BOOT_HARTS),1)),$(SMP_TIMEOUT),$(TIMEOUT))

run: deps-qemu $(BUILD)/$(APP).elf
	@qemu/run --timeout $(TIMEOUT) -- $(QEMU) $(or $(BOOT_SMP),$(if $(filter $(SMP_APPS),$(APP)),$(QEMU_SMP4))) -kernel $(BUILD)/$(APP).elf

# Boots any image built for BOARD under qemu/run (its time limit and exit
# rules; the status is the guest's): make boot BOARD=<board> ELF=<path>
# [HARTS=n] [TIMEOUT=s] [BOOT_LOG=file]. ELF and BOOT_LOG are taken relative to
# this folder (make -C changes into it): give absolute paths.
boot: deps-qemu
	@[ -f "$(ELF)" ] || { echo "make boot: ELF='$(ELF)': no such file (an absolute path, or one relative to $(CURDIR))"; exit 2; }
	@qemu/run --timeout $(BOOT_TIMEOUT) $(if $(BOOT_LOG),--log $(BOOT_LOG)) -- $(QEMU) $(BOOT_SMP) -kernel $(ELF)

# ---- tests ------------------------------------------------------------------
test: test-hosted test-qemu-run fuzz-replay test-firmware
	@echo "make test: all hosted and on-target tests passed"

# --no-parallel: the concurrency tests spin, and sharing two cores with the
# allocators' million-operation runs would make them wait on preempted threads.
test-hosted:
	swift build
	swift test --no-parallel

# qemu/run's own verdicts (status, expected text, hang, QEMU's set-up problems)
# on stand-ins for QEMU.
test-qemu-run:
	Tests/QemuRun/run-tests

# The hosted tests under AddressSanitizer, with the allocators poisoning
# what they free (-D FERRITE_ASAN; Sources/Ferrite/Memory/AddressSanitizer.swift).
# Stress counts are divided by 50; the compile-fail suite (which runs swiftc)
# is left to make test; LeakSanitizer ignores what XCTest's runner keeps.
asan:
	FERRITE_QUICK=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt swift test --sanitize=address -Xswiftc -DFERRITE_ASAN --no-parallel --scratch-path .build-asan \
	  --skip CompileFailTests

# The concurrent tests under ThreadSanitizer.
tsan:
	FERRITE_QUICK=1 swift test --sanitize=thread --no-parallel --scratch-path .build-tsan \
	  --filter 'ConcurrencyTests|RwSpinLockTests|WaitPolicyTests|LockedHeapTests|ArcTests'

# Every board: all images with the TLSF heap, the self-tests with the
# free-list and bump heaps, and a double free under the debug heap.
test-firmware:
	@for board in $(BOARDS); do \
	  $(MAKE) --no-print-directory BOARD=$$board deps || exit 1; \
	  $(MAKE) --no-print-directory BOARD=$$board HEAP=tlsf check-images || exit 1; \
	  $(MAKE) --no-print-directory BOARD=$$board HEAP=freelist check-selftest || exit 1; \
	  if [ $$board != microbit ]; then $(MAKE) --no-print-directory BOARD=$$board HEAP=bump check-selftest || exit 1; \
	  else echo "== microbit (bump heap): self-tests SKIPPED: its 10 KiB bump heap is exhausted by the self-test since bump blocks carry word-rounded sizes (known gap, open)"; fi; \
	  $(MAKE) --no-print-directory BOARD=$$board HEAP=debug check-debug-heap || exit 1; \
	done

QRUN = qemu/run --timeout $(TIMEOUT) --log $(BUILD)/$1.log
check-images: firmware check-config $(if $(QEMU_SMP4),check-smp) check-debug-build check-example
	@echo "== $(BOARD) ($(HEAP) heap): self-tests"
	@$(call QRUN,selftest) --expect 0 --expect-text " 0 failed" -- $(QEMU) -kernel $(BUILD)/selftest.elf
	@echo "== $(BOARD): the board configuration is a constant in .rodata"
	@linker/check-rodata $(TOOLCHAIN) $(BUILD)/selftest.elf boardConfiguration
	@! linker/check-rodata $(TOOLCHAIN) $(BUILD)/selftest.elf runtimeHeapPointer 2>/dev/null && \
	  echo "check-rodata: runtimeHeapPointer (set at boot) is rightly refused"
	@echo "== $(BOARD): demo"
	@$(call QRUN,demo) --expect 0 --expect-text "heap back to its starting state" --expect-text "heapmap demo 0x" \
	  --expect-text "end heapmap" -- $(QEMU) -kernel $(BUILD)/demo.elf
	@first=$$(head -1 $(BUILD)/demo.log); case "$$first" in "Ferrite "*) echo "demo: a quiet boot, the program's banner comes first";; \
	  *) echo "demo: the boot printed before the program: '$$first'"; exit 1;; esac
	@echo "== $(BOARD): ownership demo (the Rust texts' programs)"
	@$(call QRUN,ownership) --expect 0 --expect-text "every figure as expected" -- $(QEMU) -kernel $(BUILD)/ownership.elf
	@echo "== $(BOARD): a failing self-test must fail the run"
	@$(call QRUN,selftest-failing) --expect 1 --expect-text " 1 failed" -- $(QEMU) -kernel $(BUILD)/selftest-failing.elf
	@echo "== $(BOARD): a trapping guest must fail the run with a report"
	@$(call QRUN,fault) --expect 3 --expect-text "$(FAULT_TEXT)" -- $(QEMU) -kernel $(BUILD)/fault.elf
	@echo "== $(BOARD): a double free must be reported and stop the program"
	@$(call QRUN,doublefree) --expect 4 --expect-text "free: double free of 0x" -- $(QEMU) -kernel $(BUILD)/doublefree.elf
	@echo "== $(BOARD): running out of heap is reported and stops the program (the Swift runtime never gets NULL)"
	@$(call QRUN,oom) --expect 5 --expect-text "malloc: NULL after " --expect-text "the retry served it at 0x" \
	  --expect-text "address 0: " --expect-text "*** ferrite heap: out of memory: " --expect-text " bytes (alignment " \
	  --expect-text ") requested" --expect-text " B free, largest allocation " -- $(QEMU) -kernel $(BUILD)/oom.elf
	@echo "== $(BOARD): built with the stack protector, an overrun stack buffer is caught"
	@$(call QRUN,stacksmash) --expect 6 --expect-text "stack guard: a random word set at boot" \
	  --expect-text "a protected frame that stays inside its 16-byte buffer returns" \
	  --expect-text "*** ferrite: stack smashing detected" --expect-text "the check failed at pc 0x" \
	  -- $(QEMU) -kernel $(BUILD)/stacksmash.elf
	@pc=$$(sed -n 's/.*the check failed at pc \(0x[0-9a-f]*\).*/\1/p' $(BUILD)/stacksmash.log); \
	  where=$$($(TOOLCHAIN)/llvm-symbolizer --obj=$(BUILD)/stacksmash.elf $$pc 2>/dev/null | head -1); \
	  case "$$where" in *fillStackBuffer*) echo "stacksmash: pc $$pc is in $$where, the function that overran its buffer";; \
	    *) echo "stacksmash: the reported pc '$$pc' is not in fillStackBuffer but in '$$where'"; exit 1;; esac
	@echo "== $(BOARD): the bug zoo: every bug committed on purpose is reported"
	@qemu/run --timeout $(SMP_TIMEOUT) --log $(BUILD)/bugzoo.log --expect 3 --expect-text "debug heap: use after free (write to a freed block): block #" \
	  --expect-text "debug heap: double free: block #" --expect-text "debug heap: buffer overflow: block #" \
	  --expect-text "4 bytes past its end overwritten" --expect-text "debug heap: leak: block #" \
	  --expect-text "error: 'box' used after consume" --expect-text "bugs caught as expected" \
	  $(if $(QEMU_SMP4),--expect-text "with the lock:    400000 of 400000: 0 lost updates") \
	  --expect-text "$(FAULT_TEXT)" -- $(QEMU) $(QEMU_SMP4) -kernel $(BUILD)/bugzoo.elf
	@echo "== $(BOARD): a hung guest must fail the run (timeout)"
	@qemu/run --timeout 5 --log $(BUILD)/hang.log --expect-hang -- $(QEMU) -kernel $(BUILD)/hang.elf
	@! qemu/run --timeout 5 -- $(QEMU) -kernel $(BUILD)/hang.elf >/dev/null

# Runtime configuration from a blob QEMU's loader places at CONFIG_BLOB_ADDR
# (valid, corrupt, missing); a board without a blob address boots the defaults.
check-config: $(BUILD)/config.elf
ifneq ($(CONFIG_BLOB_ADDR),)
	@echo "== $(BOARD): runtime configuration from a blob QEMU loads (valid, corrupt, missing)"
	@qemu/make-config-blob $(BUILD)/config-valid.bin --rate 250 --level 4 --name sensor-hub
	@qemu/make-config-blob $(BUILD)/config-corrupt.bin --rate 250 --corrupt
	@$(call QRUN,config) --expect 0 --expect-text "config: loaded version 1" \
	  --expect-text 'configuration (blob): sample rate 250 Hz, log level 4, device "sensor-hub"' \
	  -- $(QEMU) -device loader,file=$(BUILD)/config-valid.bin,addr=$(CONFIG_BLOB_ADDR),force-raw=on -kernel $(BUILD)/config.elf
	@$(call QRUN,config) --expect 0 --expect-text "config: blob rejected: checksum" \
	  --expect-text 'configuration (defaults): sample rate 100 Hz, log level 2, device "ferrite-default"' \
	  -- $(QEMU) -device loader,file=$(BUILD)/config-corrupt.bin,addr=$(CONFIG_BLOB_ADDR),force-raw=on -kernel $(BUILD)/config.elf
	@$(call QRUN,config) --expect 0 --expect-text "config: no blob at $(shell printf '%#x' $(CONFIG_BLOB_ADDR))" \
	  --expect-text "configuration (defaults)" -- $(QEMU) -kernel $(BUILD)/config.elf
else
	@echo "== $(BOARD): runtime configuration (no blob address on this board: the defaults)"
	@$(call QRUN,config) --expect 0 \
	  --expect-text 'configuration (defaults): sample rate 100 Hz, log level 2, device "ferrite-default"' \
	  -- $(QEMU) -kernel $(BUILD)/config.elf
endif

# The example user project as a user builds it: a copy in a temporary folder
# outside Ferrite's tree, its own three-line Makefile pointed at Ferrite by
# absolute path, `make run`. It must pass its own checks; on virt-rv64 it is
# built again with a failure injected through APP_FLAGS (so a changed flag
# must rebuild it) and must then fail.
EXAMPLE := sensor-hub
check-example:
	@echo "== $(BOARD): Examples/$(EXAMPLE), copied outside Ferrite's tree, built by its own Makefile, make run"
	@dir=$$(mktemp -d); cp -r Examples/$(EXAMPLE) $$dir/; \
	  $(MAKE) --no-print-directory -C $$dir/$(EXAMPLE) FERRITE=$(CURDIR) BOARD=$(BOARD) HEAP=$(HEAP) DEBUG= \
	    run BOOT_LOG=$$dir/run.log >$$dir/make.log 2>&1; status=$$?; \
	  if [ $$status -ne 0 ] || ! grep -q "^$(EXAMPLE): all [0-9]* checks passed" $$dir/run.log; then \
	    tail -30 $$dir/make.log; echo "check-example: $(EXAMPLE) on $(BOARD) failed (make run status $$status)"; rm -rf $$dir; exit 1; fi; \
	  grep -E "^harts: |checks passed" $$dir/run.log; \
	  if [ "$(BOARD)" = virt-rv64 ]; then \
	    $(MAKE) --no-print-directory -C $$dir/$(EXAMPLE) FERRITE=$(CURDIR) BOARD=$(BOARD) HEAP=$(HEAP) DEBUG= \
	      APP_FLAGS=-DSENSOR_HUB_INJECT_FAILURE run BOOT_LOG=$$dir/fail.log >$$dir/make-fail.log 2>&1 && status=0 || status=$$?; \
	    if [ $$status -eq 0 ] || ! grep -q "^$(EXAMPLE): 1 checks failed" $$dir/fail.log; then \
	      tail -30 $$dir/make-fail.log; echo "check-example: with a failure injected, $(EXAMPLE) did not fail (status $$status)"; \
	      rm -rf $$dir; exit 1; fi; \
	    echo "$(EXAMPLE) with -D SENSOR_HUB_INJECT_FAILURE: rebuilt, 1 check failed, make run failed as it must"; fi; \
	  rm -rf $$dir

# A debug build (-g, debug checks on) of the demo links under
# --orphan-handling=error, carries its DWARF and boots.
check-debug-build:
	@$(MAKE) --no-print-directory DEBUG=1 check-debug-demo

check-debug-demo: $(BUILD)/demo.elf
	@echo "== $(BOARD): a debug build (DEBUG=1: $(SWIFT_OPTIMIZE) -g) links and boots"
	@$(OBJDUMP) -h $< | grep -q ' \.debug_info ' || { echo "check-debug-demo: $< has no .debug_info"; exit 1; }
	@$(call QRUN,demo) --expect 0 --expect-text "heap back to its starting state" -- $(QEMU) -kernel $<

check-smp: $(BUILD)/smp.elf
	@for run in 1 2 3; do echo "== $(BOARD): the 4-hart proof, boot $$run of 3"; \
	  qemu/run --timeout $(SMP_TIMEOUT) --log $(BUILD)/smp.log --expect 0 --expect-text "smp proof: all checks passed" \
	    -- $(QEMU) $(QEMU_SMP4) -kernel $(BUILD)/smp.elf || exit 1; done

# HEAP=debug: the runtime heap inside DebugHeap names the block a double free hits.
check-debug-heap: $(BUILD)/doublefree.elf
	@echo "== $(BOARD) (debug heap): a double free is reported with the block's number"
	@$(call QRUN,doublefree) --expect 4 --expect-text "debug heap: double free: block #" \
	  --expect-text "48 bytes at 0x" -- $(QEMU) -kernel $(BUILD)/doublefree.elf

check-selftest: $(BUILD)/selftest.elf
	@echo "== $(BOARD) ($(HEAP) heap): self-tests"
	@$(call QRUN,selftest) --expect 0 --expect-text " 0 failed" -- $(QEMU) -kernel $(BUILD)/selftest.elf

# ---- fuzzing (hosted, libFuzzer + AddressSanitizer) -------------------------
# One binary per target; each runs FUZZ_TIME seconds (default 60) from the
# committed corpus in Tests/Fuzz/Corpus/<target>, keeping what it finds in
# build/fuzz/corpus-<target>. A crash, a failed check or a sanitizer report
# stops it and fails the run (the input is saved in build/fuzz/). Built with
# -D FERRITE_ASAN, so ASan also sees which bytes inside the heaps are free.
FUZZ_TARGETS := tlsf freelist bump debugheap cabi
FUZZ_TIME    ?= 60
FUZZ_SRCS    := $(CORE_SRCS) $(wildcard Tests/Fuzz/*.swift)
FUZZ_FLAG_tlsf := FUZZ_TLSF
FUZZ_FLAG_freelist := FUZZ_FREELIST
FUZZ_FLAG_bump := FUZZ_BUMP
FUZZ_FLAG_debugheap := FUZZ_DEBUGHEAP
FUZZ_FLAG_cabi := FUZZ_CABI

build/fuzz/fuzz-%: $(FUZZ_SRCS) Makefile
	@mkdir -p $(@D)
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld -D $(FUZZ_FLAG_$*) -D FERRITE_ASAN \
	  -module-name FerriteFuzz $(FUZZ_SRCS) -o $@

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
	@for target in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$target for $(FUZZ_TIME) s"; mkdir -p build/fuzz/corpus-$$target; \
	  build/fuzz/fuzz-$$target -max_total_time=$(FUZZ_TIME) -max_len=512 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/$$target- build/fuzz/corpus-$$target Tests/Fuzz/Corpus/$$target \
	    2>build/fuzz/$$target.log || { tail -40 build/fuzz/$$target.log; echo "make fuzz: $$target FAILED"; exit 1; }; \
	  grep -E "DONE|number_of_executed_units|ferrite-fuzz" build/fuzz/$$target.log; \
	done

# Replays the committed corpus through every target (make test runs it):
# quick, and any input that once mattered keeps being checked.
fuzz-replay: $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
	@for target in $(FUZZ_TARGETS); do \
	  build/fuzz/fuzz-$$target -runs=0 Tests/Fuzz/Corpus/$$target 2>build/fuzz/$$target-replay.log \
	    || { tail -40 build/fuzz/$$target-replay.log; echo "make fuzz-replay: $$target FAILED"; exit 1; }; \
	  echo "fuzz-replay: $$target: $$(ls Tests/Fuzz/Corpus/$$target | wc -l) corpus inputs pass"; \
	done

# ---- benchmark (hosted, release): a program that prints figures ------------
bench:
	swift build -c release --product FerriteBench
	.build/release/FerriteBench --runs $(or $(RUNS),5)
	.build/release/FerriteBench --runs $(or $(RUNS),5) --ownership
	.build/release/FerriteBench --runs $(or $(RUNS),5) --sync

# The README's heap maps: the W2 trace through each allocator, as SVG in
# Tests/HeapMap (the bump heap fills its 4 MiB within ~13,000 operations).
heap-maps:
	swift build -c release --product FerriteBench
	.build/release/FerriteBench --heap-map tlsf --out Tests/HeapMap/w2-tlsf.svg
	.build/release/FerriteBench --heap-map freelist --out Tests/HeapMap/w2-freelist.svg
	.build/release/FerriteBench --heap-map bump --ops 12000 --out Tests/HeapMap/w2-bump.svg
	.build/release/FerriteBench --heap-map debug --ops 20000 --out Tests/HeapMap/w2-debug.svg

# The runtime heap's map as the demo prints it on BOARD, drawn by the hosted command.
heap-map-firmware: deps-qemu $(BUILD)/demo.elf
	swift build -c release --product FerriteBench
	@qemu/run --timeout $(TIMEOUT) --log $(BUILD)/demo.log -- $(QEMU) -kernel $(BUILD)/demo.elf >/dev/null
	.build/release/FerriteBench --heap-map-text $(BUILD)/demo.log --out $(BUILD)/demo-heap-map.svg

# On the board: instructions per allocate and per free for each allocator
# (exact under -icount shift=0), then each allocator's code size in the
# runtime image.
bench-target: deps $(BUILD)/bench.elf
	@qemu/run --timeout 600 -- $(QEMU) -icount shift=0 -kernel $(BUILD)/bench.elf
	@for heap in $(HEAPS); do $(MAKE) --no-print-directory -s HEAP=$$heap allocator-size; done

# The 4-hart proof alone (make test boots it three times).
smp-proof: deps $(BUILD)/smp.elf
	@qemu/run --timeout $(SMP_TIMEOUT) -- $(QEMU) $(QEMU_SMP4) -kernel $(BUILD)/smp.elf

# .text bytes of the allocator's own functions in the demo image built with HEAP.
ALLOCATOR_TYPE_tlsf := TLSFAllocator
ALLOCATOR_TYPE_freelist := FreeListAllocator
ALLOCATOR_TYPE_bump := BumpAllocator
ALLOCATOR_TYPE_debug := DebugHeap
allocator-size: $(BUILD)/demo.elf
	@$(NM) -S -t d $< | $(TOOLCHAIN)/swift-demangle | \
	  awk '$$3 ~ /^[tT]$$/ && /Ferrite\.$(ALLOCATOR_TYPE_$(HEAP))[.<]/ && !/walkBlocks/ { total += $$2; n++ } \
	       END { printf "code size, %s heap in %s demo.elf: %d bytes in %d functions\n", "$(HEAP)", "$(BOARD)", total, n }'

clean:
	rm -rf build .build .build-tsan .build-asan
