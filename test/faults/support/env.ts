/** setupFiles of the `faults` project: the pinned AWS SDK on Node 20 warns at load that later releases need Node 22 (known). */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
