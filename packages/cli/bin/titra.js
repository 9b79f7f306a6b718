#!/usr/bin/env node
// Launcher of the bundled titra command.
import '../dist/titra.mjs';
