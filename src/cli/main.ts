#!/usr/bin/env node
console.log('driftwarden');
