# ferrite.mk: build and boot your own firmware on Ferrite from your own folder.
# Your Makefile (README "Your own firmware"):
#
#   FERRITE = ../ferrite          # where Ferrite is (relative or absolute)
#   HARTS   = 4                   # harts the app wants (optional, default 1)
#   include $(FERRITE)/ferrite.mk
#
#   make [BOARD=virt-rv64] [HEAP=tlsf] [DEBUG=1]   builds build/<board>/<heap>/<APP>.elf
#   make run                                        builds it and boots it under QEMU
#   make clean
#
# Your Swift files: every *.swift under Sources/ (or set APP_SOURCES). APP is
# the image's name (default: the folder's name), APP_FLAGS your own compiler
# flags (e.g. -D VERBOSE); a change to either rebuilds. The build output stays
# in this folder (build/); nothing is written into Ferrite's tree. Your files
# are compiled in one module with Ferrite's runtime and the board's code, on
# top of `import Ferrite` (README, "The runtime API").

FERRITE_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BOARD       ?= virt-rv64
HEAP        ?= tlsf
HARTS       ?= 1
DEBUG       ?=
APP         ?= $(notdir $(CURDIR))
APP_SOURCES ?= $(sort $(shell find Sources -name '*.swift' 2>/dev/null))
APP_FLAGS   ?=
APP_BUILD   := $(CURDIR)/build/$(BOARD)/$(HEAP)$(if $(DEBUG),-DEBUG)
APP_ELF     := $(APP_BUILD)/$(APP).elf

ifeq ($(strip $(APP_SOURCES)),)
$(error ferrite.mk: no Swift sources: put them under Sources/ or set APP_SOURCES)
endif

FERRITE_MAKE = $(MAKE) --no-print-directory -C $(FERRITE_DIR) BOARD=$(BOARD) HEAP=$(HEAP) DEBUG=$(DEBUG) \
               HARTS=$(HARTS) APP=$(APP) BUILD=$(APP_BUILD) APP_SRCS="$(abspath $(APP_SOURCES))" \
               APP_FLAGS="$(APP_FLAGS)"

.PHONY: all firmware run clean
all firmware:
	@$(FERRITE_MAKE) deps-build $(APP_ELF)

# BOOT_LOG=<file> keeps the console output too.
run: firmware
	@$(FERRITE_MAKE) boot ELF=$(APP_ELF) $(if $(BOOT_LOG),BOOT_LOG=$(abspath $(BOOT_LOG)))

clean:
	rm -rf build
