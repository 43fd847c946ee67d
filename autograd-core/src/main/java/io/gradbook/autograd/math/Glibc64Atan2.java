// SPDX-License-Identifier: Apache-2.0
package io.gradbook.autograd.math;

/**
 * glibc 2.36's double {@code atan2} on x86-64, which PyTorch's scalar float64 atan2 code calls (the tail of a
 * contiguous run, every element of a strided one). Written from the algorithm of glibc's {@code e_atan2.c} (the
 * IBM Accurate Mathematical Library's, with its slow multi-precision stages removed: within 0.52 ULP, not correctly
 * rounded; a correctly rounded atan2 differs from it on 1 input in 2,000), in the FMA build an AVX2 machine runs:
 * u = min/max of |y|, |x| as a double-double (u, du), then below 1/16 an odd polynomial, above it the table
 * {@code cij} of uatan.tbl (a point x0 near each 1/256, atan(x0) and five Taylor coefficients; the values as
 * Debian's libm.so.6 holds them), the octant put back with pi/2 or pi as double-doubles. Which products GCC fuses
 * was measured against glibc: the table polynomial's {@code v * t2 + ...} and the octant's {@code hpi1 +- v * p}
 * are fused (leaving either unfused differs from glibc), the rest made no difference on 200,000 inputs.
 * Checked against glibc's own atan2 ({@code Glibc64Test}, from libm through ctypes).
 *
 * <pre>
 * jshell&gt; Glibc64Atan2.atan2(1.0, 3.0)
 * $1 ==&gt; 0.3217505543966422
 * </pre>
 */
public final class Glibc64Atan2 {
    private Glibc64Atan2() {}

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static final double D3 = d(0xbfd5555555555555L), D5 = d(0x3fc99999999997fdL), D7 = d(0xbfc24924923f7603L),
            D9 = d(0x3fbc71c6e5129a3bL), D11 = d(0xbfb7458022b13c25L), D13 = d(0x3fb375f08b31cbceL);
    private static final double INV16 = 0.0625, TWO52 = 0x1.0p52;
    private static final double OPI = d(0x400921fb54442d18L), OPI1 = d(0x3ca1a62633145c07L);
    private static final double HPI = d(0x3ff921fb54442d18L), HPI1 = d(0x3c91a62633145c07L);
    private static final double QPI = d(0x3fe921fb54442d18L), TQPI = d(0x4002d97c7f3321d2L);
    private static final double TWO500 = 0x1.0p500, TWOM500 = 0x1.0p-500;
    /** 57 * 16^5: an exponent difference past which the smaller operand does not matter. */
    private static final int EP = 59768832;

    /** uatan.tbl's cij[241][7], row-major: x0, atan(x0), then the Taylor coefficients of atan at x0. */
    private static final long[] CIJ = {
        0x3fb0400665e0244eL, 0x3fb03a737b53dd20L, 0x3fefdf1fcf5cfb72L, 0xbfb01eb3ce2ae4c2L, 0xbfd4d29edd58a40dL, 0x3fafda4ad907a18aL, 0x3fc814df4df65b18L,
        0x3fb0fffdb9b88cd8L, 0x3fb0f99c63645300L, 0x3fefdc08a3ded30fL, 0xbfb0d9dc669c1aedL, 0xbfd4c669f7138de2L, 0x3fb0a12f29d085a7L, 0x3fc7f0eecfd48d20L,
        0x3fb1fff15a73d4f1L, 0x3fb1f85f2bee2040L, 0x3fefd7b342b56d31L, 0xbfb1d2b7b69dea40L, 0xbfd4b5523922ecc9L, 0x3fb18f93522b1a04L, 0x3fc7bead5660f061L,
        0x3fb2fffdb2524aa2L, 0x3fb2f716e71790a0L, 0x3fefd31f53b496a4L, 0xbfb2cad84aab7374L, 0xbfd4a34b58dd2fb2L, 0x3fb27c0ad0cecc18L, 0x3fc789d25d2743d7L,
        0x3fb3fffe0573f3acL, 0x3fb3f59d1702f6a0L, 0x3fefce4db071acc2L, 0xbfb3c20f64db3686L, 0xbfd49059eb3bfe93L, 0x3fb36659caf74fedL, 0x3fc752691c011fb0L,
        0x3fb4ffef894384d6L, 0x3fb4f3ed0ce204c0L, 0x3fefc93ea8ea5a01L, 0xbfb4b84f7b5457c9L, 0xbfd47c807401f2f9L, 0x3fb44e64b4f67209L, 0x3fc7187d4c540b77L,
        0x3fb5fff8df406528L, 0x3fb5f22b3c73d820L, 0x3fefc3f1b1f60f13L, 0xbfb5adb2cb7fa73bL, 0xbfd467be2b1eb555L, 0x3fb5343599edc463L, 0x3fc6dc1b238f5059L,
        0x3fb7000f8c4f0d56L, 0x3fb6f04b495a2fa0L, 0x3fefbe67340dce97L, 0xbfb6a2244d98e1adL, 0xbfd4521614064df1L, 0x3fb617aa2ba78a66L, 0x3fc69d4f50a3d7acL,
        0x3fb8000fbb4057cfL, 0x3fb7ee27be2cd3a0L, 0x3fefb8a039ec9246L, 0xbfb7957731d9c773L, 0xbfd43b8db6dc7d72L, 0x3fb6f88ad69547dfL, 0x3fc65c26f633ce8cL,
        0x3fb8fff239cf2b7fL, 0x3fb8ebb79f979e80L, 0x3fefb29d435506e1L, 0xbfb8879a69b9cdb5L, 0xbfd4242885feafa9L, 0x3fb7d6bab6191a0eL, 0x3fc618afa7cb8bb5L,
        0x3fb9fff96e2f0772L, 0x3fb9e93ad32a9480L, 0x3fefac5d04a3ec40L, 0xbfb978c253f6ea97L, 0xbfd40be3089c36f6L, 0x3fb8b25c885aeb77L, 0x3fc5d2f763cadce1L,
        0x3fbb00026316b097L, 0x3fbae68cce24cc00L, 0x3fefa5e0938c5c66L, 0xbfba68c376f14e4bL, 0xbfd3f2c31696cd7cL, 0x3fb98b3b722a2cb4L, 0x3fc58b0c9067ad62L,
        0x3fbc0008604f58b1L, 0x3fbbe3a705650780L, 0x3fef9f285a7a2773L, 0xbfbb578f3d5ac0a4L, 0xbfd3d8cbf767119fL, 0x3fba613dc7e31b88L, 0x3fc540fdf5594565L,
        0x3fbd00026cca4ebaL, 0x3fbce07ec1298a80L, 0x3fef9834e8d36c4aL, 0xbfbc45135bcac5feL, 0xbfd3be018b5236f1L, 0x3fbb34472e991970L, 0x3fc4f4dab8adb373L,
        0x3fbdfff4b2b47fcaL, 0x3fbddd164a051d80L, 0x3fef910678dcc895L, 0xbfbd3149f0966844L, 0xbfd3a266744f9a5fL, 0x3fbc0446edb7f27aL, 0x3fc4a6b2583f9ecaL,
        0x3fbf000aa9a05be0L, 0x3fbed996a3bda540L, 0x3fef899c1b8ba97fL, 0xbfbe1c512287a677L, 0xbfd385f8edc130bbL, 0x3fbcd14bf306ff50L, 0x3fc45694a667a72bL,
        0x3fbffffaba8f63deL, 0x3fbfd5b569fe4780L, 0x3fef81f84863dc7dL, 0xbfbf05dbd1518706L, 0xbfd368c44687a69cL, 0x3fbd9b081b3868daL, 0x3fc40491c345adfcL,
        0x3fc07ffa6eccada8L, 0x3fc068d00a396400L, 0x3fef7a19f1fcfc6bL, 0xbfbfee0c861df0dfL, 0xbfd34ac65a586c0cL, 0x3fbe618f189d637aL, 0x3fc3b0ba195779d4L,
        0x3fc1000333432713L, 0x3fc0e6b0f203d1a0L, 0x3fef7200fe0eb463L, 0xbfc06a72e15cb19aL, 0xbfd32c00b8db761eL, 0x3fbf24d8a11f5e3eL, 0x3fc35b1e569e85ddL,
        0x3fc17ffcda1c4811L, 0x3fc1646229ebda00L, 0x3fef69af7d558737L, 0xbfc0dd170b33969bL, 0xbfd30c7d33ac50d1L, 0x3fbfe4aa9be43f0fL, 0x3fc303cf692539cbL,
        0x3fc1ffff3cca418dL, 0x3fc1e1fa3b978ea0L, 0x3fef612445d421a9L, 0xbfc14f03acac8aa8L, 0xbfd2ec3962e675a3L, 0x3fc0508c2fa6b426L, 0x3fc2aade780a6467L,
        0x3fc27ff7d9c78922L, 0x3fc25f661b91e640L, 0x3fef5860f52e192cL, 0xbfc1c023e5de2394L, 0xbfd2cb3d6bee0abdL, 0x3fc0acfb5e075c1aL, 0x3fc2505cdffe453aL,
        0x3fc2fff7a1fc1aaaL, 0x3fc2dcb583257c40L, 0x3fef4f64c719b6fbL, 0xbfc2308261514083L, 0xbfd2a9887f7b72d5L, 0x3fc107a77c887402L, 0x3fc1f45c2c3cd6d1L,
        0x3fc380059d78e15eL, 0x3fc359ee6ac98ee0L, 0x3fef462f944cec16L, 0xbfc2a020d85b87a9L, 0xbfd2871c2e4ab369L, 0x3fc1608dc31a65d9L, 0x3fc196ee130bbe50L,
        0x3fc400049f431b1aL, 0x3fc3d6f36bd65360L, 0x3fef3cc3dd99b68aL, 0xbfc30ee1b3dd00edL, 0xbfd26403f8482664L, 0x3fc1b792fe136626L, 0x3fc138246eac7440L,
        0x3fc48004e01d95a1L, 0x3fc453d386f00cc0L, 0x3fef3320e3970539L, 0xbfc37ccf0a5279aaL, 0xbfd2403f3b151d5dL, 0x3fc20cbbe331c9e6L, 0x3fc0d81139e3f097L,
        0x3fc4fff7aa9382ddL, 0x3fc4d07f8c590a80L, 0x3fef294834df28e0L, 0xbfc3e9d85b43915cL, 0xbfd21bd5eb8845a2L, 0x3fc25ff8ac6ac8adL, 0x3fc076c688ed96caL,
        0x3fc58006352408beL, 0x3fc54d1ec39a73e0L, 0x3fef1f3709ae009cL, 0xbfc4561cb9be8550L, 0xbfd1f6c00053f52eL, 0x3fc2b15def783be9L, 0x3fc014568615239bL,
        0x3fc5ffff2b193f81L, 0x3fc5c9804f73e000L, 0x3fef14f1ae110e29L, 0xbfc4c16e9098b3d2L, 0xbfd1d10f8f058241L, 0x3fc300c6a14fa897L, 0x3fbf61a6d56607c0L,
        0x3fc680084460e6e1L, 0x3fc645c804a55e20L, 0x3fef0a758fa36ec5L, 0xbfc52be9d62fa883L, 0xbfd1aabd69a74048L, 0x3fc34e451679eb02L, 0x3fbe989ef7c14c3dL,
        0x3fc6fffb9e99a846L, 0x3fc6c1d04b35fd40L, 0x3feeffc63ef8ef95L, 0xbfc5956b76a2fe63L, 0xbfd183d8ddc78ddfL, 0x3fc399bdac606d66L, 0x3fbdcdba070d286aL,
        0x3fc780080ffcd490L, 0x3fc73dc5b55758e0L, 0x3feef4e0457e2065L, 0xbfc5fe167d6ff9bcL, 0xbfd15c579fadd384L, 0x3fc3e34773e52d32L, 0x3fbd011c9a65ae4bL,
        0x3fc80006148e79c1L, 0x3fc7b9812b7f8ca0L, 0x3feee9c7701687edL, 0xbfc665c70e1ef36dL, 0xbfd13449ccbcbdabL, 0x3fc42ac75c71b3e8L, 0x3fbc32eb3e81980eL,
        0x3fc880060f487c17L, 0x3fc83511bc0e3640L, 0x3feede7ad2d55329L, 0xbfc6cc8737e644baL, 0xbfd10bae60597557L, 0x3fc4704313e26fbeL, 0x3fbb634a6fb18bf4L,
        0x3fc90004d3518d76L, 0x3fc8b0738874c100L, 0x3feed2fb2ed6673bL, 0xbfc732512a6ebac3L, 0xbfd0e28a6924232fL, 0x3fc4b3b573bcc03fL, 0x3fba925e8c72507fL,
        0x3fc97fffd2f20d5cL, 0x3fc92ba351af5920L, 0x3feec7493d32449fL, 0xbfc7971fc308255fL, 0xbfd0b8e2d572d28fL, 0x3fc4f51a337448feL, 0x3fb9c04bcfcbc620L,
        0x3fca0005bf80f060L, 0x3fc9a6ae6e9e8960L, 0x3feebb641ef200e7L, 0xbfc7fafb6e96e5c1L, 0xbfd08eb6ec6ad647L, 0x3fc53475f53d0ba6L, 0x3fb8ed364433c20eL,
        0x3fca7ff7deeca8e4L, 0x3fca2176948578e0L, 0x3feeaf4f328ff98bL, 0xbfc85dc958149b1cL, 0xbfd06414f933a1abL, 0x3fc571b760c45a8fL, 0x3fb81941be58c308L,
        0x3fcaffff7defd553L, 0x3fca9c229eba6b80L, 0x3feea30710a85e10L, 0xbfc8bfa67f9dea61L, 0xbfd038f35a474e8fL, 0x3fc5acf030c225d2L, 0x3fb74491d062812fL,
        0x3fcb7ffe669932a5L, 0x3fcb1694cff6dfe0L, 0x3fee968f1921d387L, 0xbfc92078e075d95aL, 0xbfd00d60526793c4L, 0x3fc5e61073842a52L, 0x3fb66f49c5331d5aL,
        0x3fcbfff9b44759f3L, 0x3fcb90d15073a2a0L, 0x3fee89e756598313L, 0xbfc98041cfb9203dL, 0xbfcfc2bcbed91b37L, 0x3fc61d196d4fc2fcL, 0x3fb5998c9411537eL,
        0x3fcc80075568f3ecL, 0x3fcc0aec4a31dbe0L, 0x3fee7d0e18f270a8L, 0xbfc9df0ef522b132L, 0xbfcf69d42179c242L, 0x3fc6521336646fcdL, 0x3fb4c37cdc699095L,
        0x3fccfff8601a799fL, 0x3fcc84b849db66a0L, 0x3fee7008a0ee780eL, 0xbfca3cbb3a403934L, 0xbfcf102fd490be32L, 0x3fc684ea037d4137L, 0x3fb3ed3cd9ec855aL,
        0x3fcd7ff97bbf1497L, 0x3fccfe5f1e008ce0L, 0x3fee62d2f04615c7L, 0xbfca996515aade2cL, 0xbfceb5b90b44b682L, 0x3fc6b5af92ec8d57L, 0x3fb316ee60d831aeL,
        0x3fce000840209b20L, 0x3fcd77ddb145a760L, 0x3fee556dbe1dfdf1L, 0xbfcaf5082186af0fL, 0xbfce5a799420489dL, 0x3fc6e462454feb2cL, 0x3fb240b2d2945a8cL,
        0x3fce8000c0ae943cL, 0x3fcdf1113ca10100L, 0x3fee47dd59e7308bL, 0xbfcb4f889439f69fL, 0xbfcdfe93798de600L, 0x3fc710f58f267389L, 0x3fb16aab1a8a373eL,
        0x3fcf00036d532803L, 0x3fce6a17cb4e5c80L, 0x3fee3a1ee3d0f6c2L, 0xbfcba8fb6e31f768L, 0xbfcda1f7e6a382e3L, 0x3fc73b75b36ac4c0L, 0x3fb094f7a3470b0aL,
        0x3fcf7ffa48b8afc3L, 0x3fcee2dbe1654560L, 0x3fee2c3543f2ab37L, 0xbfcc014f598207d6L, 0xbfcd44bf1efe809aL, 0x3fc763dc698a561eL, 0x3faf7f70a7cf78a3L,
        0x3fd00002eb334faeL, 0x3fcf5b7b77ab25e0L, 0x3fee1e1d78a5c127L, 0xbfcc5898c555d571L, 0xbfcce6d9b706cf86L, 0x3fc78a350823f643L, 0x3fadd6190b9118e8L,
        0x3fd03ffca8af86feL, 0x3fcfd3cbb53a0c00L, 0x3fee0fdcfdcbac8bL, 0xbfccaeb76c3246ffL, 0xbfcc8870d6e19ad3L, 0x3fc7ae73d2c48e91L, 0x3fac2e260510fdb0L,
        0x3fd07ffcd38984b7L, 0x3fd025f75732d4a0L, 0x3fee017049c17ab3L, 0xbfcd03c29afe5028L, 0xbfcc29719a2c1833L, 0x3fc7d0a569041dcfL, 0x3faa87d3f497c653L,
        0x3fd0bfff1ed2add7L, 0x3fd061edcd7f7420L, 0x3fedf2d8da96b750L, 0xbfcd57b2c777881eL, 0xbfcbc9ea8692b503L, 0x3fc7f0c942abf9e7L, 0x3fa8e35e04b42bb4L,
        0x3fd10003a8515cdaL, 0x3fd09dc9027416a0L, 0x3fede41734899950L, 0xbfcdaa867983ede4L, 0xbfcb69e3999706b6L, 0x3fc80ee1b0f126dbL, 0x3fa740fe17ee9babL,
        0x3fd14001f3af9cc5L, 0x3fd0d980b6e1aba0L, 0x3fedd52de0412681L, 0xbfcdfc316863b28bL, 0xbfcb0971c55b8d5aL, 0x3fc82aeda6731aacL, 0x3fa5a0ecc73bd8f0L,
        0x3fd18003b6122509L, 0x3fd1151daa1e67a0L, 0x3fedc61b2e0c1f32L, 0xbfce4cbeb9ba6b7eL, 0xbfcaa88e90c2431cL, 0x3fc844f48bcbda5eL, 0x3fa4036150e585ffL,
        0x3fd1bfffa6a2a153L, 0x3fd15096e7a18dc0L, 0x3fedb6e1e1218f3fL, 0xbfce9c219621d6a2L, 0xbfca475022627b04L, 0x3fc85cf5ff8b908eL, 0x3fa268919833c0d6L,
        0x3fd1fffd2d345aafL, 0x3fd18bf3053bf760L, 0x3feda780cc3acb29L, 0xbfceea622aa756aeL, 0xbfc9e5b347ed9793L, 0x3fc872f887ab542aL, 0x3fa0d0b2158e9e9aL,
        0x3fd23ffcf14cf05aL, 0x3fd1c7324d568460L, 0x3fed97f855f32d3dL, 0xbfcf378021d457c8L, 0xbfc983bef065b845L, 0x3fc886fffba70cd8L, 0x3f9e77ebaeb85cccL,
        0x3fd27ffe0bae6fc9L, 0x3fd202539a27c160L, 0x3fed88494619176eL, 0xbfcf83795c0ac9ecL, 0xbfc9217c5e645195L, 0x3fc8990ff4264515L, 0x3f9b551ce6b92e65L,
        0x3fd2c001a297a7deL, 0x3fd23d57acb927c0L, 0x3fed7873e4958fb6L, 0xbfcfce4e43572249L, 0xbfc8bef19f3560f3L, 0x3fc8a92cdf7f0e5bL, 0x3f983958116f3b19L,
        0x3fd2fffe7267616aL, 0x3fd27835b2f378c0L, 0x3fed687b13906586L, 0xbfd00bf9afda1a0fL, 0xbfc85c34c197ad7dL, 0x3fc8b7591e99f0a7L, 0x3f9524fa6525c365L,
        0x3fd33ffe48153b20L, 0x3fd2b2f66a2fdcc0L, 0x3fed585cf827fbe4L, 0xbfd03039b45a6918L, 0xbfc7f93e5dfc3f72L, 0x3fc8c39bc5210022L, 0x3f92185e168fb62eL,
        0x3fd380038122579aL, 0x3fd2ed9baf6ec1e0L, 0x3fed4819872f20d3L, 0xbfd053e81f4c1031L, 0xbfc79612621ffd79L, 0x3fc8cdf9db9d9dfcL, 0x3f8e27b480c6852fL,
        0x3fd3c0033ef39141L, 0x3fd3281b4668c700L, 0x3fed37b418590d1aL, 0xbfd076fea3ef2560L, 0xbfc732c93033287aL, 0x3fc8d676ca2e5458L, 0x3f882f85d80944b1L,
        0x3fd4000163fa0e31L, 0x3fd362787b565000L, 0x3fed272c47a813daL, 0xbfd0997f493b9d88L, 0xbfc6cf643da9fe3cL, 0x3fc8dd18c1cd3331L, 0x3f8248d1f70f6e07L,
        0x3fd4400374071092L, 0x3fd39cb80f0a4000L, 0x3fed16813ba47a6bL, 0xbfd0bb6cd8788947L, 0xbfc66be2589596a6L, 0x3fc8e1e5c9b3ec1eL, 0x3f78e868d20fab86L,
        0x3fd48000c880f200L, 0x3fd3d6d1deffb460L, 0x3fed05b5cadc576cL, 0xbfd0dcc2a1d352c2L, 0xbfc608583d7d2574L, 0x3fc8e4e303208bc0L, 0x3f6ac9096379e732L,
        0x3fd4c0004d97d2cbL, 0x3fd410cbf3a2e220L, 0x3fecf4c8bb7ed511L, 0xbfd0fd8437766a49L, 0xbfc5a4c25aabc13cL, 0x3fc8e616c80dac4bL, 0x3f4038aab04695c2L,
        0x3fd4fffd9397539fL, 0x3fd44aa206a7dec0L, 0x3fece3bbcf479ddeL, 0xbfd11daf4d122984L, 0xbfc5412eb1024df0L, 0x3fc8e5871b2c560dL, 0xbf625da8951c088dL,
        0x3fd53ffff304715fL, 0x3fd4845a791f3900L, 0x3fecd28da45e0fd8L, 0xbfd13d478d61f221L, 0xbfc4dd98d3e9bb99L, 0x3fc8e33a0f181507L, 0xbf743c33d08bd25cL,
        0x3fd58002e88ea386L, 0x3fd4bdf0f575d6c0L, 0x3fecc14002035609L, 0xbfd15c4ab808071eL, 0xbfc47a0eb2945fcfL, 0x3fc8df35fc056447L, 0xbf7f2011b00a45cdL,
        0x3fd5bffd70f4d590L, 0x3fd4f75d284d7ae0L, 0x3fecafd5f2de98b6L, 0xbfd17ab4a2b42f42L, 0xbfc416a51c285a92L, 0x3fc8d982511d6c5aL, 0xbf84ecc177008605L,
        0x3fd5fffdb70d6e53L, 0x3fd530ab8e2ff500L, 0x3fec9e4c32d2429dL, 0xbfd1988c35190681L, 0xbfc3b34cbf748319L, 0x3fc8d22498d3a613L, 0xbf8a33d4aa295f9fL,
        0x3fd63ffc5c7399e2L, 0x3fd569d54f022e80L, 0x3fec8ca558dd180fL, 0xbfd1b5ce1d701de4L, 0xbfc35017a7806a5aL, 0x3fc8c92456c01cf9L, 0xbf8f64d9942059e1L,
        0x3fd67ffd9a1ac7d2L, 0x3fd5a2ddf50031e0L, 0x3fec7ae0ceff6debL, 0xbfd1d27c7c8c245bL, 0xbfc2ed05c6aa933fL, 0x3fc8be87ddc5cf1fL, 0xbf923fb6d594386fL,
        0x3fd6bffd6f7b9353L, 0x3fd5dbc1b4e066c0L, 0x3fec6900456b591aL, 0xbfd1ee95c2d6d0aaL, 0xbfc28a23b11086f7L, 0x3fc8b256dde22d5aL, 0xbf94c19a489d85a4L,
        0x3fd6fffbf02a83e4L, 0x3fd614806a237dc0L, 0x3fec57044cc81773L, 0xbfd20a1a4b9029caL, 0xbfc2277789f5fb1cL, 0x3fc8a4989b09e911L, 0xbf9737ec130d419aL,
        0x3fd73ffe128c213aL, 0x3fd64d1e42499480L, 0x3fec44ec129c0d30L, 0xbfd2250c83787259L, 0xbfc1c4ffd55be4fcL, 0x3fc8955336b2d603L, 0xbf99a2842e43df46L,
        0x3fd77ffbea0cdc7aL, 0x3fd6859405b0e220L, 0x3fec32ba687132c0L, 0xbfd23f697273497eL, 0xbfc162cecd39b037L, 0x3fc8848ffa930aafL, 0xbf9c013da4554412L,
        0x3fd7c003f18edab8L, 0x3fd6bdee4127bee0L, 0x3fec206bc01607bdL, 0xbfd259375fee2f42L, 0xbfc100d4307761e1L, 0x3fc872525dfec556L, 0xbf9e53f67958f973L,
        0x3fd7fffd41f35c4cL, 0x3fd6f616da6607a0L, 0x3fec0e07cddc8437L, 0xbfd2726cbfb4daeaL, 0xbfc09f3be0db1472L, 0x3fc85ea92a95aa1bL, 0xbfa04d47d872cfa2L,
        0x3fd8400326c7c46bL, 0x3fd72e2596b8be00L, 0x3febfb874cdedf38L, 0xbfd28b14d09404f3L, 0xbfc03de1e7fb61f2L, 0x3fc84993acb33be9L, 0xbfa16a769b1de607L,
        0x3fd88003ca90b179L, 0x3fd7660aa104a220L, 0x3febe8eff236e2f6L, 0xbfd2a32919a94ddfL, 0xbfbfb9ce0856a081L, 0x3fc8331f33f70280L, 0xbfa2817af01308ccL,
        0x3fd8c003e9692fd5L, 0x3fd79dc9f0b2cb00L, 0x3febd640f2966495L, 0xbfd2baabfd6ec2eaL, 0xbfbef892e08e9c2dL, 0x3fc81b52031873e3L, 0xbfa39249ac12113dL,
        0x3fd8fffe35be5c5fL, 0x3fd7d55ebdccdfc0L, 0x3febc37c6eabcf77L, 0xbfd2d19c2d74f445L, 0xbfbe382ce63f2cdbL, 0x3fc802360e6fe2aeL, 0xbfa49cd90e66ab41L,
        0x3fd94002aa8974cdL, 0x3fd80cd6b8afd880L, 0x3febb09e4468ccbaL, 0xbfd2e7ffec84e686L, 0xbfbd787688c659e8L, 0x3fc7e7ccc2f15460L, 0xbfa5a120b410d3edL,
        0x3fd98002e08efdeaL, 0x3fd8442534856920L, 0x3feb9dab3f290478L, 0xbfd2fdd2bb81edefL, 0xbfbcb9a531e68398L, 0x3fc7cc23c2dbb11bL, 0xbfa69f1998467e78L,
        0x3fd9c00275294b6bL, 0x3fd87b4d299f6200L, 0x3feb8aa2de96cf1fL, 0xbfd313168c4d45d2L, 0xbfbbfbb7edce4dbaL, 0x3fc7af418907fec9L, 0xbfa796be07419f55L,
        0x3fda0002f3e490ecL, 0x3fd8b24fc21a4500L, 0x3feb77853b5ef7ddL, 0xbfd327cc8eae70cdL, 0xbfbb3eb3d49e40daL, 0x3fc7912d4d93f7eaL, 0xbfa888099e21606aL,
        0x3fda3fff458461b6L, 0x3fd8e9287754d2c0L, 0x3feb64546a0daf0eL, 0xbfd33bf3dc2a9a3fL, 0xbfba82b14917d003L, 0x3fc771f17c7566cfL, 0xbfa972f93d700dd8L,
        0x3fda800287e12aaeL, 0x3fd91fe0a5dfd000L, 0x3feb510da0d82e05L, 0xbfd34f90a76ad312L, 0xbfb9c798deec35adL, 0x3fc751908a0ef43eL, 0xbfaa578b0872efc8L,
        0x3fdac00149a86c84L, 0x3fd9566e5c4516e0L, 0x3feb3db4dd03f6b6L, 0xbfd362a0291c1f82L, 0xbfb90d9503f6df60L, 0x3fc7301825091e92L, 0xbfab35be577a022bL,
        0x3fdaffff2f4cc2e1L, 0x3fd98cd494226540L, 0x3feb2a499297200aL, 0xbfd375245153fd01L, 0xbfb854a3ae3de27eL, 0x3fc70d8e7eb3f331L, 0xbfac0d93b6ad570eL,
        0x3fdb4000c2f3711eL, 0x3fd9c31701cdc4c0L, 0x3feb16caea63781bL, 0xbfd3871f3665b649L, 0xbfb79cc03f70fbc6L, 0x3fc6e9f9061dfc2eL, 0xbfacdf0cd837f9c3L,
        0x3fdb8000a777e180L, 0x3fd9f930f3748f20L, 0x3feb033b0fb0162aL, 0xbfd3989025978cabL, 0xbfb6e6025c765aabL, 0x3fc6c5629c16d678L, 0xbfadaa2c92a16ebfL,
        0x3fdbbffd087e14edL, 0x3fda2f20bf0ddb00L, 0x3feaef9b1cce6e94L, 0xbfd3a9778b73e3c3L, 0xbfb6307709efd1ccL, 0x3fc69fd458408d3aL, 0xbfae6ef6d2e48013L,
        0x3fdc0000f0086783L, 0x3fda64ef8d448080L, 0x3feadbe835990b5aL, 0xbfd3b9d927241b86L, 0xbfb57c06c20e4001L, 0x3fc6794f90e6c8abL, 0xbfaf2d709a630a27L,
        0x3fdc4001863e58f8L, 0x3fda9a941c3a1ba0L, 0x3feac82635ed7dd2L, 0xbfd3c9b30c075b50L, 0xbfb4c8d7a429793cL, 0x3fc651e295903c22L, 0xbfafe59ff0f8b649L,
        0x3fdc7ffc6c62c3bfL, 0x3fdad00c580a5840L, 0x3feab45662d1d808L, 0xbfd3d905acbb06ecL, 0xbfb416f7421e42dcL, 0x3fc62996e5608efdL, 0xbfb04bc5f14b649aL,
        0x3fdcc00234b2a209L, 0x3fdb0565f68f3b40L, 0x3feaa0741e3dc946L, 0xbfd3e7d5e2db674eL, 0xbfb3663ea4833ffeL, 0x3fc60069c4f0392bL, 0xbfb0a19e38b10201L,
        0x3fdcfffcaac5f9f9L, 0x3fdb3a8e59c45cc0L, 0x3fea8c86d2389c24L, 0xbfd3f61f8362b2cbL, 0xbfb2b6f1c6c746a6L, 0x3fc5d671426d2946L, 0xbfb0f45d4981ce75L,
        0x3fdd40040d800c64L, 0x3fdb6f9988af6580L, 0x3fea78877498ced2L, 0xbfd403e8ef8975c0L, 0xbfb208d4bea81e2bL, 0x3fc5aba5283ffa4eL, 0xbfb1440811705130L,
        0x3fdd7ffeb0e64500L, 0x3fdba4722324e140L, 0x3fea647e8c5ad680L, 0xbfd4112da03f042dL, 0xbfb15c339580389cL, 0x3fc5801e49d9889eL, 0xbfb190a3ef96554fL,
        0x3fddbffe2dfcf4ebL, 0x3fdbd9269f1d27a0L, 0x3fea50671ac286caL, 0xbfd41df2590a4de1L, 0xbfb0b0e48bd1efa5L, 0x3fc553d8702506d0L, 0xbfb1da36ada415a6L,
        0x3fddfffd8a34bbc2L, 0x3fdc0db2c4f7a2c0L, 0x3fea3c432ef70bb3L, 0xbfd42a3716ee647cL, 0xbfb006fadb6270bbL, 0x3fc526de86f08de6L, 0xbfb220c67e5061fbL,
        0x3fde3ffdd26415c0L, 0x3fdc421758282940L, 0x3fea2812f391ddcbL, 0xbfd435fd18eddf0aL, 0xbfaebcf288a589afL, 0x3fc4f9374cf96163L, 0xbfb26459f6a18481L,
        0x3fde7fff37f72672L, 0x3fdc765467aa3dc0L, 0x3fea13d6d6ce86b3L, 0xbfd4414574037e91L, 0xbfad6ec93b2cc445L, 0x3fc4caea0564f101L, 0xbfb2a4f80c49cd64L,
        0x3fdebffda11bc00fL, 0x3fdcaa6685e23660L, 0x3fe9ff90a25c2396L, 0xbfd44c108a64724fL, 0xbfac23992f871e82L, 0x3fc49c010afbfb85L, 0xbfb2e2a80f0ff3feL,
        0x3fdeffff3313756dL, 0x3fdcde529d30cc20L, 0x3fe9eb3edff9491fL, 0xbfd456607e6abaaeL, 0xbfaadb4c3e8aa98dL, 0x3fc46c7f25d8ff7dL, 0xbfb31d71a71d448dL,
        0x3fdf4001914b856eL, 0x3fdd1216aac1bb20L, 0x3fe9d6e2c9bc4315L, 0xbfd46036004e7e91L, 0xbfa995f7fb901f89L, 0x3fc43c6d3f5be04aL, 0xbfb3555cce8abf92L,
        0x3fdf8003cd144428L, 0x3fdd45b1d93e9640L, 0x3fe9c27d256fdfebL, 0xbfd4699209f7c145L, 0xbfa853a9ed521174L, 0x3fc40bd32b27751fL, 0xbfb38a71cfa5c5f2L,
        0x3fdfc00200545bd9L, 0x3fdd7920f536d960L, 0x3fe9ae0faae99ea5L, 0xbfd4727538dd66f4L, 0xbfa7147db5484f74L, 0x3fc3dabaf8efc373L, 0xbfb3bcb93ea6b864L,
        0x3fdffffbda6f2aa8L, 0x3fddac63b420faa0L, 0x3fe9999aed4d0cabL, 0xbfd47ae0bfcc6072L, 0xbfa5d87c25bf7a4aL, 0x3fc3a92bf5999ee5L, 0xbfb3ec3bf7f09d08L,
        0x3fe01fffa65118c8L, 0x3fdddf852bf70c00L, 0x3fe9851aecd72ae5L, 0xbfd482d78f5794c5L, 0xbfa49f682e4a020bL, 0x3fc3772225a156daL, 0xbfb4190319f58064L,
        0x3fe040019c0b0556L, 0x3fde127dfa2ba200L, 0x3fe9709308c17a55L, 0xbfd48a59957a7efdL, 0xbfa369762648f2bbL, 0x3fc344ab592569b1L, 0xbfb4431803752ddbL,
        0x3fe05fffc24501dbL, 0x3fde4547a495bcc0L, 0x3fe95c064f225b79L, 0xbfd491672163f5b8L, 0xbfa236d34b79b89fL, 0x3fc311d4b530b7beL, 0xbfb46a844d931476L,
        0x3fe07ffe865125fcL, 0x3fde77e92a5fad60L, 0x3fe947725c13b0eaL, 0xbfd498026f33abcaL, 0xbfa1075ade947c6bL, 0x3fc2de9dd8d5e01bL, 0xbfb48f51ca17ca60L,
        0x3fe0a002107eac25L, 0x3fdeaa6908243180L, 0x3fe932d4f339824bL, 0xbfd49e2d7145f475L, 0xbf9fb5d800571424L, 0x3fc2ab0685d1cf84L, 0xbfb4b18a7dbbbabeL,
        0x3fe0bfff7376e5d4L, 0x3fdedcb5f79ff560L, 0x3fe91e358ee1b492L, 0xbfd4a3e749498453L, 0xbf9d63e4be685c6fL, 0x3fc27726c4b1f032L, 0xbfb4d1389e6ecc3aL,
        0x3fe0dffe1715ee2eL, 0x3fdf0edb9be1bb80L, 0x3fe9098fd993bd60L, 0xbfd4a9329b84e907L, 0xbf9b185ae07dba5eL, 0x3fc242f8f2d7a804L, 0xbfb4ee668ddaa340L,
        0x3fe100017f3d776cL, 0x3fdf40df6119e100L, 0x3fe8f4e1fb44bcfbL, 0xbfd4ae1116e3467eL, 0xbf98d304cf368422L, 0x3fc20e7d736708aeL, 0xbfb5091ed7b3658dL,
        0x3fe11ffefd8c7b65L, 0x3fdf72b08fd21560L, 0x3fe8e0334770fb0aL, 0xbfd4b2825c0f6783L, 0xbf9694ac7ffe0364L, 0x3fc1d9cbe529bf4cL, 0xbfb5216c2c73e5f0L,
        0x3fe14000afa3ee71L, 0x3fdfa45ee3324d60L, 0x3fe8cb7d9ff684dfL, 0xbfd4b68917add34dL, 0xbf945ca367276e70L, 0x3fc1a4d9a1fbf3b1L, 0xbfb537595fba2374L,
        0x3fe15fff73336187L, 0x3fdfd5df3de48d00L, 0x3fe8b6c60cbe3546L, 0xbfd4ba259b291bcbL, 0xbf922b6f5fb712ccL, 0x3fc16fb855e28b0bL, 0xbfb54af1633f423cL,
        0x3fe17fff6c447b82L, 0x3fe0039c0208ecc0L, 0x3fe8a20a48f15926L, 0xbfd4bd59a5808ac3L, 0xbf9000cd5eef6f2aL, 0x3fc13a66ebe54aa7L, 0xbfb55c3f45420ce4L,
        0x3fe19fffae932b61L, 0x3fe01c33e0091bc0L, 0x3fe88d4b55664e00L, 0xbfd4c026579f5abbL, 0xbf8bb9a68797c32aL, 0x3fc104ec95d4f64eL, 0xbfb56b4e2bbc325eL,
        0x3fe1bfffba12ae50L, 0x3fe034b6d3aba020L, 0x3fe87889ebdccf04L, 0xbfd4c28ce6d463c1L, 0xbf877f1cb36211fcL, 0x3fc0cf4fb90b11e7L, 0xbfb5782952dcbe1aL,
        0x3fe1e0014b459e41L, 0x3fe04d262dc05800L, 0x3fe863c551625b6aL, 0xbfd4c48eaffdd399L, 0xbf8351cb603059caL, 0x3fc09992de65d0d9L, 0xbfb582dc087bb367L,
        0x3fe2000032306f33L, 0x3fe0657ebafb6ce0L, 0x3fe84f00a1e2eec3L, 0xbfd4c62cb79ec8c6L, 0xbf7e6488d95de8d1L, 0x3fc063c2661df241L, 0xbfb58b71aaa63badL,
        0x3fe22000d30a486cL, 0x3fe07dc3d2165080L, 0x3fe83a3966b3e5bfL, 0xbfd4c7687de04deeL, 0xbf763ff7800f052fL, 0x3fc02ddc28f35eddL, 0xbfb591f5a351cf91L,
        0x3fe23ffe215e03fcL, 0x3fe095f19f380a00L, 0x3fe8257348be5f3fL, 0xbfd4c8431b793f77L, 0xbf6c6e63625993b8L, 0x3fbfefdb8c5e4b3bL, 0xbfb5967366fe9ca7L,
        0x3fe260006833d65dL, 0x3fe0ae0e6496a8c0L, 0x3fe810a945b44aa3L, 0xbfd4c8be055b407aL, 0xbf5920a7ae83f0a4L, 0x3fbf83dc860a6a5eL, 0xbfb598f670d98ee7L,
        0x3fe28000e82d4d50L, 0x3fe0c615095f5300L, 0x3fe7fbe01e9337b7L, 0xbfd4c8da573c6f6aL, 0x3f38b6c7c50f565dL, 0x3fbf17dbc9c4b6caL, 0xbfb5998a45d6dae0L,
        0x3fe29fff203b6a0bL, 0x3fe0de0530852720L, 0x3fe7e7188520538dL, 0xbfd4c899668c6963L, 0x3f6286ecbeca8ab0L, 0x3fbeabe49b6ac5bdL, 0xbfb5983a575a9684L,
        0x3fe2c001e91a9d93L, 0x3fe0f5e3f7817a20L, 0x3fe7d24e63a45d97L, 0xbfd4c7fc5f83c46dL, 0x3f70e1995d9c800aL, 0x3fbe3fe93721a8e0L, 0xbfb59512377da840L,
        0x3fe2dfffc6fb4948L, 0x3fe10daa4ce36040L, 0x3fe7bd883e39011fL, 0xbfd4c704b5eae11fL, 0x3f786398192c622bL, 0x3fbdd412b62ba357L, 0xbfb5901d5f0e020eL,
        0x3fe2ffff39cb4eedL, 0x3fe1255d0970ad60L, 0x3fe7a8c2365b7a9bL, 0xbfd4c5b38925f532L, 0x3f7fcb03785e3070L, 0x3fbd68540eedf3b3L, 0xbfb58967479c252aL,
        0x3fe31ffe002e31cbL, 0x3fe13cfa81fd3780L, 0x3fe793fe1bbe9667L, 0xbfd4c40a3046f4c7L, 0x3f838bae8f5e6bf1L, 0x3fbcfcbd83775c98L, 0xbfb580fb62e887abL,
        0x3fe34000edc7bffdL, 0x3fe1548644d05200L, 0x3fe77f39244a1da5L, 0xbfd4c2099fb764c1L, 0x3f8724e2851b0be5L, 0x3fbc9147507c76e0L, 0xbfb576e519c7f0abL,
        0x3fe36001ce042830L, 0x3fe16bfbc1656ae0L, 0x3fe76a77ad3b2b77L, 0xbfd4bfb374aac296L, 0x3f8ab07005b229c2L, 0x3fbc260e87dca54bL, 0xbfb56b2fc90df763L,
        0x3fe37ffe89b8fc54L, 0x3fe1835977d0ba80L, 0x3fe755bb660caa3dL, 0xbfd4bd09308bb975L, 0x3f8e2e26fe0a1240L, 0x3fbbbb2218790f26L, 0xbfb55de6c094f3daL,
        0x3fe3a0019b4da842L, 0x3fe19aa7100cd140L, 0x3fe740fdd801f889L, 0xbfd4ba0b2c32c656L, 0x3f90cf998eca44a2L, 0x3fbb5066c9863443L, 0xbfb54f15406672b5L,
        0x3fe3c000ce6b63e8L, 0x3fe1b1dd1d0b0ae0L, 0x3fe72c45f28670e6L, 0xbfd4b6bb92422e2eL, 0x3f928141a0d32146L, 0x3fbae60637452321L, 0xbfb53ec677d91f56L,
        0x3fe3dfff114a2607L, 0x3fe1c8fdc6ff6f20L, 0x3fe71792206847a7L, 0xbfd4b31b669bd306L, 0x3f942c3a04ffd28aL, 0x3fba7bfde7fc0825L, 0xbfb52d0582f471baL,
        0x3fe3ffffc1da9b7dL, 0x3fe1e00b7f2e8840L, 0x3fe702e084371133L, 0xbfd4af2b8012fbe4L, 0x3f95d0b4bfc47f4bL, 0x3fba1249d80ab6c5L, 0xbfb519dd69a4108dL,
        0x3fe41ffee11d9c33L, 0x3fe1f70367c3ec20L, 0x3fe6ee34026a76a0L, 0xbfd4aaed96514b12L, 0x3f976e8307ba2905L, 0x3fb9a8fe261a1221L, 0xbfb505591d552ba0L,
        0x3fe43ffffa174676L, 0x3fe20de80faff860L, 0x3fe6d98a9ea6d162L, 0xbfd4a6626b927b3bL, 0x3f9905d8f84adbb0L, 0x3fb94015dd484db5L, 0xbfb4ef83783eef44L,
        0x3fe45fff0d457fa4L, 0x3fe224b69f675300L, 0x3fe6c4e73a093351L, 0xbfd4a18bcbf2bff8L, 0x3f9a968a84bb8c16L, 0x3fb8d7a493fbb975L, 0xbfb4d8673b37e4fbL,
        0x3fe47ffe8f910e57L, 0x3fe23b70dd92b840L, 0x3fe6b04889b04359L, 0xbfd49c6a974b07ffL, 0x3f9c20be25f20251L, 0x3fb86fa882e9673dL, 0xbfb4c00f0d12f550L,
        0x3fe4a0017323fc6bL, 0x3fe25218e34e3420L, 0x3fe69bacf277fe27L, 0xbfd496ff7f856abaL, 0x3f9da49e9928150cL, 0x3fb8081e3eb66a26L, 0xbfb4a68578ab06c5L,
        0x3fe4c000b1bf0500L, 0x3fe268a9bd8b2c80L, 0x3fe6871942abbd42L, 0xbfd4914cec74e64aL, 0x3f9f21ded0c3eeecL, 0x3fb7a1225b30aa05L, 0xbfb48bd4ec53ef43L,
        0x3fe4e0011d07207bL, 0x3fe27f26da64f7a0L, 0x3fe6728aa7cfbeb2L, 0xbfd48b533fcbb247L, 0x3fa04c60a7354a41L, 0x3fb73aaaeff6f27aL, 0xbfb47007b81a6bb2L,
        0x3fe4fffe5f36eb46L, 0x3fe2958d35ddd180L, 0x3fe65e04307b6af3L, 0xbfd48514828bb6e6L, 0x3fa1048e48993ed9L, 0x3fb6d4cb468d7c59L, 0xbfb453280d484989L,
        0x3fe520012afdf759L, 0x3fe2abe2eb1c3280L, 0x3fe649808dc5daadL, 0xbfd47e902c11e3b7L, 0x3fa1b9ae88e1b343L, 0x3fb66f6cff4501bfL, 0xbfb4353ffcd6b8deL,
        0x3fe54001dfdb2423L, 0x3fe2c222ab0402c0L, 0x3fe63504e7e657fbL, 0xbfd477c8eee53fa9L, 0x3fa26b9a696cd845L, 0x3fb60aad6a3aa6efL, 0xbfb416597704e1f4L,
        0x3fe55ffe72d2a74fL, 0x3fe2d84b16be7240L, 0x3fe62092ce54aedeL, 0xbfd470c07b764156L, 0x3fa31a4c4d9abee7L, 0x3fb5a697a899a63dL, 0xbfb3f67e49fa7fb1L,
        0x3fe58000ee716c33L, 0x3fe2ee63284f3fe0L, 0x3fe60c24181c5720L, 0xbfd46975c383b0c1L, 0x3fa3c5ffc40a1a5aL, 0x3fb543110b7b3b72L, 0xbfb3d5b821700401L,
        0x3fe59fff9825cd2aL, 0x3fe304642defcf40L, 0x3fe5f7bf3c14a317L, 0xbfd461ec227a4cdeL, 0x3fa46e856da8d837L, 0x3fb4e03c6162f4c8L, 0xbfb3b410857f5976L,
        0x3fe5bffdfe2a42cdL, 0x3fe31a50a5110dc0L, 0x3fe5e36233cf1268L, 0xbfd45a23f68b7dbcL, 0x3fa513f5de40f0e9L, 0x3fb47e12de05901eL, 0xbfb39190da5cabb5L,
        0x3fe5e00057330799L, 0x3fe3302b75253480L, 0x3fe5cf0a901da45aL, 0xbfd4521d552754cfL, 0x3fa5b66bbbf000bbL, 0x3fb41c8bd2baf7b2L, 0xbfb36e425f53241aL,
        0x3fe600014d6055daL, 0x3fe345f0ff2eda60L, 0x3fe5babbf2ea5900L, 0xbfd449dab2008754L, 0x3fa655d118f56fbbL, 0x3fb3bbbb89a0c1b2L, 0xbfb34a2e2e8d60fcL,
        0x3fe620012c3809cbL, 0x3fe35ba1812d5040L, 0x3fe5a676671e49e9L, 0xbfd4415d230e6216L, 0x3fa6f22d6b05c7f7L, 0x3fb35ba4cfe6b72bL, 0xbfb3255d3c3bfa3bL,
        0x3fe6400087b47eccL, 0x3fe3713d69715580L, 0x3fe59239c8fb0e69L, 0xbfd438a5a5bd1f6eL, 0x3fa78b897f9b13cfL, 0x3fb2fc4974f57c8fL, 0xbfb2ffd8566caacaL,
        0x3fe66000a746397fL, 0x3fe386c59d968940L, 0x3fe57e0583073c58L, 0xbfd42fb4fe3d0083L, 0x3fa821f14b9e1eebL, 0x3fb29da91952ee82L, 0xbfb2d9a8245866a8L,
        0x3fe68000e4e3094bL, 0x3fe39c39b5fe3900L, 0x3fe569da36dd131eL, 0xbfd4268c74778fe0L, 0x3fa8b5679ab0310fL, 0x3fb23fc8f2e43205L, 0xbfb2b2d526483573L,
        0x3fe6a001e2e37787L, 0x3fe3b19a27d52620L, 0x3fe555b7b5d865cdL, 0xbfd41d2cf1600cd3L, 0x3fa945f54b79e859L, 0x3fb1e2aa46a0b02dL, 0xbfb28b67b508a35bL,
        0x3fe6bffe0df4bbfbL, 0x3fe3c6e346f2b6e0L, 0x3fe541a1b658afbeL, 0xbfd41399388da137L, 0x3fa9d387e5b3c2baL, 0x3fb18660173397f9L, 0xbfb2636801db4945L,
        0x3fe6dfffea406ceaL, 0x3fe3dc1c1bb3d400L, 0x3fe52d91d33ffe8eL, 0xbfd409cf36bcffe9L, 0x3faa5e54174405afL, 0x3fb12acedc041806L, 0xbfb23ade160d6557L,
        0x3fe70000ed01ea65L, 0x3fe3f14054e51400L, 0x3fe5198c5c8b9119L, 0xbfd3ffd1f2ea4ff7L, 0x3faae643308c81cdL, 0x3fb0d00c1960aaf7L, 0xbfb211d1d2f50d25L,
        0x3fe7200200d515ebL, 0x3fe40650983bb3e0L, 0x3fe50590f2175c71L, 0xbfd3f5a2361bb15cL, 0x3fab6b5f9b536afcL, 0x3fb07617a731624dL, 0xbfb1e84af1a8c054L,
        0x3fe740011323de6dL, 0x3fe41b4b9483e720L, 0x3fe4f1a11027ba01L, 0xbfd3eb41bb978c8fL, 0x3fabeda77765626aL, 0x3fb01cf997f58c8aL, 0xbfb1be5103074348L,
        0x3fe75fff25cab4caL, 0x3fe430320001d5c0L, 0x3fe4ddbc4573fb6cL, 0xbfd3e0b141f21d2aL, 0x3fac6d25d1bda00fL, 0x3faf89625935ee68L, 0xbfb193eb6f8e0689L,
        0x3fe77ffe90921f76L, 0x3fe445056cc6af00L, 0x3fe4c9e14cffbdaeL, 0xbfd3d5f10b247ec4L, 0x3face9ea943f4516L, 0x3faeda73f24a8af1L, 0xbfb16921776aac42L,
        0x3fe79ffe47b2f83bL, 0x3fe459c535c19f20L, 0x3fe4b610fc8f20bdL, 0xbfd3cb0273df2a0dL, 0x3fad63f823c5d6deL, 0x3fae2d319c5116abL, 0xbfb13dfa326e2972L,
        0x3fe7bfff2f1e79a9L, 0x3fe46e71f84df5c0L, 0x3fe4a24af586b1bdL, 0xbfd3bfe62ef81e5bL, 0x3faddb58738896f0L, 0x3fad819a2515de78L, 0xbfb1127c9026fdd0L,
        0x3fe7e001973c8d05L, 0x3fe4830bf0fb9580L, 0x3fe48e8f3466b08eL, 0xbfd3b49d1c53a01aL, 0x3fae501325103eedL, 0x3facd7af5290f4afL, 0xbfb0e6af57ef003bL,
        0x3fe7ffff69efc092L, 0x3fe4978f431c3800L, 0x3fe47ae1a3e1064aL, 0xbfd3a92a666c50c4L, 0x3faec2194098a4beL, 0x3fac2f942eee57e0L, 0xbfb0ba99290d5730L,
        0x3fe82001c52b5232L, 0x3fe4ac01d2b83340L, 0x3fe4673cd31b7cf5L, 0xbfd39d8bc67d05f0L, 0x3faf31922a81b5d5L, 0x3fab891b8aa20e90L, 0xbfb08e407adcefd6L,
        0x3fe84000bd4d4e3fL, 0x3fe4c05e9b1dbc60L, 0x3fe453a5c8d629f7L, 0xbfd391c513e9ef47L, 0x3faf9e6917383d6bL, 0x3faae471278e21b9L, 0xbfb061ab9cf54d10L,
        0x3fe860018c869cbdL, 0x3fe4d4a8fd2285a0L, 0x3fe4401979b82471L, 0xbfd385d55c3e2929L, 0x3fb0045b7b2c8ff2L, 0x3faa417c39d7ca4fL, 0xbfb034e0b767b7d4L,
        0x3fe87ffeb5db3710L, 0x3fe4e8dd8b93bca0L, 0x3fe42c9b66c6e6bfL, 0xbfd379bfa32ee2a1L, 0x3fb038386187fe0fL, 0x3fa9a05a8b3a0b33L, 0xbfb007e5caee03a9L,
        0x3fe8a000863c77e3L, 0x3fe4fd018fcd1e80L, 0x3fe41926a8a8093fL, 0xbfd36d81b5ee344dL, 0x3fb06adc2841f292L, 0x3fa900e42484560bL, 0xbfafb58162792f0aL,
        0x3fe8bfff0ed982afL, 0x3fe5111016e28ac0L, 0x3fe405c0389112eeL, 0xbfd3611f89d38dc7L, 0x3fb09c3db450b9f7L, 0x3fa86342312d0c4aL, 0xbfaf5aee3a6ca012L,
        0x3fe8e00002c3aeaeL, 0x3fe5250cc0ab0a40L, 0x3fe3f264c65593c5L, 0xbfd35497d82be900L, 0x3fb0cc6968546d39L, 0x3fa7c759db8499fdL, 0xbfaf001d36a32337L,
        0x3fe90000ecbfa97bL, 0x3fe538f60e8d4ee0L, 0x3fe3df15f4119333L, 0xbfd347ec7d2149f4L, 0x3fb0fb5efa921d3cL, 0x3fa72d3869693e89L, 0xbfaea51923a0f5f3L,
        0x3fe91fffd251c01cL, 0x3fe54ccad3f3bd20L, 0x3fe3cbd51554dd15L, 0xbfd33b1f2bc94245L, 0x3fb1291f2fc4c3f6L, 0x3fa694e81b7a765cL, 0xbfae49ec826e86f6L,
        0x3fe94001d90af4e6L, 0x3fe5608e4d4ec640L, 0x3fe3b89f3445ef72L, 0xbfd32e2eb7bbd79aL, 0x3fb155b4e401d071L, 0x3fa5fe513a256f1cL, 0xbfadeea1890ff662L,
        0x3fe9600104fd6c17L, 0x3fe5743cd5673c20L, 0x3fe3a57809ebc6e2L, 0xbfd3211e6da5039cL, 0x3fb1811b4e62286bL, 0x3fa5699071bece9dL, 0xbfad934223911641L,
        0x3fe980002d214b82L, 0x3fe587d83b0d6120L, 0x3fe3925e01eaac3eL, 0xbfd313ee08425504L, 0x3fb1ab5a02bdb571L, 0x3fa4d6989ebd70b8L, 0xbfad37d7f482965aL,
        0x3fe99ffdeb980651L, 0x3fe59b5fb16ba7a0L, 0x3fe37f5210b1ab7aL, 0xbfd3069ef993d676L, 0x3fb1d472cded25a8L, 0x3fa445702d0abd9aL, 0xbfacdc6c56221aa1L,
        0x3fe9bfffe5504053L, 0x3fe5aed6b55de6a0L, 0x3fe36c50fa91c51eL, 0xbfd2f92fbe311e56L, 0x3fb1fc705be3af05L, 0x3fa3b5fdacd5cdc7L, 0xbfac81085adbb9b8L,
        0x3fe9e0016e60a234L, 0x3fe5c23a79acd480L, 0x3fe3595da5fab2eaL, 0xbfd2eba31ddeceeaL, 0x3fb2235035736518L, 0x3fa3285622f9fd28L, 0xbfac25b4ce8b2259L,
        0x3fe9ffffb685741bL, 0x3fe5d5895ad40460L, 0x3fe34679d832b8d3L, 0xbfd2ddfb230eda41L, 0x3fb24912b23c0ba2L, 0x3fa29c854c4e86daL, 0xbfabca7a37002a55L,
        0x3fea20019d59b943L, 0x3fe5e8c78c187ea0L, 0x3fe333a19ede2183L, 0xbfd2d035b0043779L, 0x3fb26dc37ab9110cL, 0x3fa2126c959cfc0eL, 0xbfab6f60d556233eL,
        0x3fea3fffbe9e153fL, 0x3fe5fbf0a9c08ae0L, 0x3fe320d96f7861aaL, 0xbfd2c256c2200f18L, 0x3fb2915da6795293L, 0x3fa18a2b256a8fdeL, 0xbfab1470a67a4e89L,
        0x3fea5ffe7a23a1ceL, 0x3fe60f0763200600L, 0x3fe30e1ed13d395eL, 0xbfd2b45d44403932L, 0x3fb2b3e9c967f013L, 0x3fa103ad35d002b8L, 0xbfaab9b16496a8f1L,
        0x3fea800157f250b8L, 0x3fe6220ddd6453a0L, 0x3fe2fb6fcfffcc1eL, 0xbfd2a6486f8d8291L, 0x3fb2d56f03654cc3L, 0x3fa07ee34bb6e7a6L, 0xbfaa5f2a87992f03L,
        0x3feaa000dd839d49L, 0x3fe634ffb412c9a0L, 0x3fe2e8d0e2d59e01L, 0xbfd2981c5467cfddL, 0x3fb2f5e8ff1fadb5L, 0x3f9ff7d6a3ba803cL, 0xbfaa04e346af8db7L,
        0x3feac000770df220L, 0x3fe647defef70020L, 0x3fe2d640220aff7fL, 0xbfd289d836f9e74fL, 0x3fb3155ee509140aL, 0x3f9ef56b61ab0b7fL, 0xbfa9aae298ce391fL,
        0x3feae001125bbe48L, 0x3fe65aac57a24d20L, 0x3fe2c3bd1bfb3559L, 0xbfd27b7c6dde55ddL, 0x3fb333d515c4c270L, 0x3f9df67a9bac4ecfL, 0xbfa9512f363a972bL,
        0x3feafffe7c321839L, 0x3fe66d65569b83c0L, 0x3fe2b14a53fbf8d9L, 0xbfd26d0b9cfa03ceL, 0x3fb3514b2caa2e0cL, 0x3f9cfb224597be9aL, 0xbfa8f7cf99110022L,
        0x3feb1ffe75486924L, 0x3fe6800d68cefb40L, 0x3fe29ee48e6aa814L, 0xbfd25e83e8afa7ebL, 0x3fb36dc9fb0e8ac8L, 0x3f9c0331ad5d66caL, 0xbfa89ec9fedb1e8bL,
        0x3feb40015fb8deb8L, 0x3fe692a4d137c500L, 0x3fe28c8babff668eL, 0xbfd24fe5d8e71e0aL, 0x3fb389551297317aL, 0x3f9b0ea31d844655L, 0xbfa846246914067dL,
        0x3feb6000386c27b9L, 0x3fe6a5278cdf6fc0L, 0x3fe27a43c5758db8L, 0xbfd2413559cadce0L, 0x3fb3a3e9ee34ae91L, 0x3f9a1da81c5fff05L, 0xbfa7ede49ec8aac6L,
        0x3feb8000d1efddb3L, 0x3fe6b7990accb660L, 0x3fe268099983aab2L, 0xbfd2327076047e08L, 0x3fb3bd90f132139bL, 0x3f99301058deb3e1L, 0xbfa796102d194ce9L,
        0x3feb9ffe42cc4047L, 0x3fe6c9f686445e60L, 0x3fe255e0069f871fL, 0xbfd2239a25461639L, 0x3fb3d649a926c127L, 0x3f9845fbc5a21f70L, 0xbfa73eac68e20be6L,
        0x3febc001951aeaadL, 0x3fe6dc453c4e45a0L, 0x3fe243c1ff6573b0L, 0xbfd214aee38fa7e7L, 0x3fb3ee1e5ea1330fL, 0x3f975f242bcce6dfL, 0xbfa6e7be6f3902c5L,
        0x3febdffe6616fe11L, 0x3fe6ee7e27106fe0L, 0x3fe231b697b587f0L, 0xbfd205b5240fef32L, 0x3fb4050944eb818cL, 0x3f967bde108160f9L, 0xbfa6914b271d18adL,
        0x3febffff54511c72L, 0x3fe700a7643bbb40L, 0x3fe21fb7e1823c8bL, 0xbfd1f6a89a854f7aL, 0x3fb41b1571f04837L, 0x3f959bd8bbd10f7cL, 0xbfa63b5741f03711L,
        0x3fec2000c537593eL, 0x3fe712bef36d6400L, 0x3fe20dc7f754b2d5L, 0xbfd1e78b9d24dbedL, 0x3fb4304394f485e0L, 0x3f94bf29122a6884L, 0xbfa5e5e73d2aa4e9L,
        0x3fec4000ddd35719L, 0x3fe724c3d7fa3000L, 0x3fe1fbe7f2a8b1bfL, 0xbfd1d85fb25dddf6L, 0x3fb44495d2e3b20fL, 0x3f93e5d67fcc1b30L, 0xbfa590ff62d0d00fL,
        0x3fec6000402375b6L, 0x3fe736b67dff3720L, 0x3fe1ea1786c92387L, 0xbfd1c92531ddfc58L, 0x3fb4580ff8b6cbc2L, 0x3f930fd700ce998eL, 0xbfa53ca3cb299e5fL,
        0x3fec7fff19904fe4L, 0x3fe748970f395860L, 0x3fe1d856a825ba33L, 0xbfd1b9dca75e0fc5L, 0x3fb46ab579f8fd7dL, 0x3f923d23a5a90afeL, 0xbfa4e8d85d2f574bL,
        0x3fec9ffef9e2409dL, 0x3fe75a6679e7f1c0L, 0x3fe1c6a48740d2e9L, 0xbfd1aa85f198392cL, 0x3fb47c8a808c583aL, 0x3f916dac857f2526L, 0xbfa495a0d0477576L,
        0x3fecc001e038ef72L, 0x3fe76c25e6815140L, 0x3fe1b50019bdadf8L, 0xbfd19b20b4a469aeL, 0x3fb48d9342387ea2L, 0x3f90a15f7305baf5L, 0xbfa44300acae4e17L,
        0x3fecdffeeb72037fL, 0x3fe77dd07a7a4aa0L, 0x3fe1a36e4f1f6702L, 0xbfd18bb1d0992cf8L, 0x3fb49dce5aa4990dL, 0x3f8fb0dd63759665L, 0xbfa3f0fb4d2f0c0fL,
        0x3fecffffea4839edL, 0x3fe78f6bb17088c0L, 0x3fe191e9cf32122fL, 0xbfd17c35220400acL, 0x3fb4ad440a159641L, 0x3f8e252c80894ca9L, 0xbfa39f93df89c265L,
        0x3fed1ffdec3ec8b2L, 0x3fe7a0f3c8c6c880L, 0x3fe18076729f01d6L, 0xbfd16cae98515540L, 0x3fb4bbf41b0933ffL, 0x3f8c9ff5e09a60cdL, 0xbfa34ecd662a5704L,
        0x3fed3fff7084edd4L, 0x3fe7b26c5f02f220L, 0x3fe16f10b9973206L, 0xbfd15d1b9e1e0a54L, 0x3fb4c9e4ac2c9a30L, 0x3f8b20ddefce76ccL, 0xbfa2feaab888bc37L,
        0x3fed5ffe8d728e7cL, 0x3fe7c3d2488d7e80L, 0x3fe15dbbe622a5a7L, 0xbfd14d7fa305ceb2L, 0x3fb4d716417bf1c7L, 0x3f89a81ee19fe239L, 0xbfa2af2e84ddad07L,
        0x3fed7fff70aa3b03L, 0x3fe7d527db239580L, 0x3fe14c75be4fea01L, 0xbfd13dd92ad706aaL, 0x3fb4e38db49d32aaL, 0x3f88357a37df2b6dL, 0xbfa2605b507cd77bL,
        0x3fed9fff1434fba3L, 0x3fe7e66b82c8a720L, 0x3fe13b3fed9b7fedL, 0xbfd12e2a3ac9d646L, 0x3fb4ef4ce7b01cf5L, 0x3f86c905d25fd52dL, 0xbfa21233798666efL,
        0x3fedbffea8c8de8cL, 0x3fe7f79df4a0a520L, 0x3fe12a19d7fc2119L, 0xbfd11e72c6be19dfL, 0x3fb4fa57634e1b91L, 0x3f8562a647f96df5L, 0xbfa1c4b9373af599L,
        0x3fede00026573df5L, 0x3fe808c04dbcb960L, 0x3fe119027903e4b9L, 0xbfd10eb25cdfed06L, 0x3fb504b0cca681faL, 0x3f8402386f3cde09L, 0xbfa177ee9ba8fa6aL,
        0x3fedfffe35009b66L, 0x3fe819cfc2cb5340L, 0x3fe107fcb1c942b5L, 0xbfd0feec230d7d92L, 0x3fb50e5a75c5b4f1L, 0x3f82a7e8e3c139d8L, 0xbfa12bd593fa642bL,
        0x3fee2000492d4c68L, 0x3fe82ad05ccb8680L, 0x3fe0f704928e55dfL, 0xbfd0ef1cee0b0721L, 0x3fb51759937bfb74L, 0x3f8153592bc9fddbL, 0xbfa0e06fea1d1824L,
        0x3fee40009412bb65L, 0x3fe83bbf14001a60L, 0x3fe0e61d37f485daL, 0xbfd0df481b2bd37dL, 0x3fb51faf64024d14L, 0x3f8004b99b849698L, 0xbfa095bf450a2434L,
        0x3fee5fff4758ef2fL, 0x3fe84c9c1531c180L, 0x3fe0d5468b7fece7L, 0xbfd0cf6e105bfe1eL, 0x3fb5275ef9c5e03aL, 0x3f7d77f217aa1137L, 0xbfa04bc52a6891e1L,
        0x3fee8000380f819fL, 0x3fe85d6974ccc060L, 0x3fe0c47e8f1da5b5L, 0xbfd0bf8d62ad700fL, 0x3fb52e6c1f3fbc2bL, 0x3f7af1c3ee24ad7dL, 0xbfa00282fece26c9L,
        0x3feea000a6d8cb7bL, 0x3fe86e25d00e3a60L, 0x3fe0b3c6ba314d62L, 0xbfd0afa7e7cb2d84L, 0x3fb534d908e9071fL, 0x3f7877044ce5e5c9L, 0xbf9f73f40eb7c9d5L,
        0x3feec0005a13ba60L, 0x3fe87ed119b163e0L, 0x3fe0a31f2ebb7ad7L, 0xbfd09fbe33a3fce1L, 0x3fb53aa889d9af5dL, 0x3f760799f7f7040bL, 0xbf9ee456d3f0b3fbL,
        0x3feedfff58f8dd18L, 0x3fe88f6b6681ca80L, 0x3fe09287ec4360b3L, 0xbfd08fd0b7ce07e5L, 0x3fb53fdd7bdedd3fL, 0x3f73a36670c52e66L, 0xbf9e56305dca7315L,
        0x3feeffffbe033400L, 0x3fe89ff5dd4d7960L, 0x3fe081ffdffe15bdL, 0xbfd07fdedae56c0fL, 0x3fb5447af84d6f5dL, 0x3f714a247982941eL, 0xbf9dc98281e68835L,
        0x3fef2001e6b5125dL, 0x3fe8b070bbe88160L, 0x3fe07186df7122e2L, 0xbfd06fe8de905325L, 0x3fb54883b5deec7aL, 0x3f6df762b4a186d5L, 0xbf9d3e4ede20f495L,
        0x3fef3ffdf770e0dbL, 0x3fe8c0d809e96380L, 0x3fe06120f5a576a9L, 0xbfd05ff31d2912ffL, 0x3fb54bf98cd1001fL, 0x3f6970fc6e90dc16L, 0xbf9cb496d8eb587eL,
        0x3fef5ffe4e16da33L, 0x3fe8d13129bccdc0L, 0x3fe050c8d33ba4e9L, 0xbfd04ff8d74c83d2L, 0x3fb54ee0592bb252L, 0x3f64ff617193eeb5L, 0xbf9c2c5ba459ac86L,
        0x3fef80004576ff2eL, 0x3fe8e17acce443a0L, 0x3fe0407fd8a97b6cL, 0xbfd03ffbc91b3e55L, 0x3fb5513a5f3357f7L, 0x3f60a2ba14c92b53L, 0xbf9ba59e3e70df71L,
        0x3fef9fff39b6a330L, 0x3fe8f1b2a7f515a0L, 0x3fe0304863064158L, 0xbfd02ffeacbaada8L, 0x3fb55309f27448c0L, 0x3f58b6d64850006bL, 0xbf9b205f742323dfL,
        0x3fefc001aa76c0b9L, 0x3fe901dc15d66d80L, 0x3fe0201f28d9b4aaL, 0xbfd01ffea98d4c38L, 0x3fb55452089780f8L, 0x3f5050b57f35c5bbL, 0xbf9a9c9fe19247afL,
        0x3fefdffe39a592caL, 0x3fe911f26d88a780L, 0x3fe01008e40c6538L, 0xbfd01000d31688deL, 0x3fb55514e32f1816L, 0x3f402a154e1628d2L, 0xbf9a1a5ff4faf5a0L,
        0x3feff8018e92d1b0L, 0x3fe91dfb9bb4bf00L, 0x3fe003ffb884c5a9L, 0xbfd003ff3876a954L, 0x3fb555515539ddfbL, 0x3f2007e77b95e6c2L, 0xbf99b9a718a3ba58L,
    };

    private static double c(int i, int j) {
        return d(CIJ[7 * i + j]);
    }

    /** The odd polynomial's tail for |u| &lt; 1/16, in v = u^2 (Horner, fused). */
    private static double smallPoly(double v) {
        return Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, D13, D11), D9), D7), D5), D3);
    }

    /** The table polynomial from its first coefficient, at v = u - x0. */
    private static double tablePoly(int i, double v) {
        return Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, c(i, 6), c(i, 5)), c(i, 4)), c(i, 3)), c(i, 2));
    }

    private static int row(double u) {
        return (int) ((TWO52 + 256 * u) - TWO52) - 16;
    }

    /** glibc's atan2; a NaN operand returns x + y (x's NaN first), as glibc does. */
    public static double atan2(double y, double x) {
        if (x != x) return x + y;
        if (y != y) return y + y;
        if (y == 0) return (Double.doubleToRawLongBits(x) < 0) ? Math.copySign(OPI, y) : y;
        if (x == 0) return y > 0 ? HPI : -HPI;
        if (Double.isInfinite(x)) {
            if (Double.isInfinite(y)) return x > 0 ? Math.copySign(QPI, y) : Math.copySign(TQPI, y);
            return x > 0 ? Math.copySign(0.0, y) : Math.copySign(OPI, y);
        }
        if (Double.isInfinite(y)) return y > 0 ? HPI : -HPI;
        double ax = Math.abs(x), ay = Math.abs(y);
        int de = (int) ((Double.doubleToRawLongBits(y) >>> 32) & 0x7ff00000) - (int) ((Double.doubleToRawLongBits(x) >>> 32) & 0x7ff00000);
        if (de >= EP) return y > 0 ? HPI : -HPI;
        if (de <= -EP) return x > 0 ? Math.copySign(ay / ax, y) : (y > 0 ? OPI : -OPI);
        if (ax < TWOM500 || ay < TWOM500) {
            ax *= TWO500;
            ay *= TWO500;
        }
        if (ax > TWO500 || ay > TWO500) {
            ax *= TWOM500;
            ay *= TWOM500;
        }
        // u + du = the smaller over the larger, du from the exact error of u * larger (EMULV: one fma)
        double u, du;
        if (ay < ax) {
            u = ay / ax;
            double v = ax * u, vv = Math.fma(ax, u, -v);
            du = ((ay - v) - vv) / ax;
        } else {
            u = ax / ay;
            double v = ay * u, vv = Math.fma(ay, u, -v);
            du = ((ax - v) - vv) / ay;
        }
        double z;
        if (x > 0 && ay < ax) {          // (i) atan(u)
            if (u < INV16) {
                double v = u * u;
                z = u + Math.fma(u * v, smallPoly(v), du);
            } else {
                int i = row(u);
                double t3 = u - c(i, 0), v = t3 + du;
                double dv = Math.abs(t3) > Math.abs(du) ? (t3 - v) + du : (du - v) + t3; // EADD
                double t2 = c(i, 2);
                double q = Math.fma(v, Math.fma(v, Math.fma(v, c(i, 6), c(i, 5)), c(i, 4)), c(i, 3));
                z = c(i, 1) + Math.fma(v, t2, Math.fma(dv, t2, v * v * q));
            }
        } else if (x > 0) {              // (ii) pi/2 - atan(u)
            if (u < INV16) {
                double v = u * u, t2 = HPI - u;
                double cor = HPI > u ? (HPI - t2) - u : HPI - (u + t2);                     // ESUB
                z = t2 + Math.fma(-(u * v), smallPoly(v), (HPI1 + cor) - du);
            } else {
                int i = row(u);
                double v = (u - c(i, 0)) + du;
                z = (HPI - c(i, 1)) + Math.fma(-v, tablePoly(i, v), HPI1);
            }
        } else if (ax < ay) {            // (iii) pi/2 + atan(u)
            if (u < INV16) {
                double v = u * u, t2 = HPI + u;
                double cor = HPI > u ? (HPI - t2) + u : (u - t2) + HPI;                     // EADD
                z = t2 + Math.fma(u * v, smallPoly(v), (HPI1 + cor) + du);
            } else {
                int i = row(u);
                double v = (u - c(i, 0)) + du;
                z = (HPI + c(i, 1)) + Math.fma(v, tablePoly(i, v), HPI1);
            }
        } else {                         // (iv) pi - atan(u)
            if (u < INV16) {
                double v = u * u, t2 = OPI - u;
                double cor = OPI > u ? (OPI - t2) - u : OPI - (u + t2);                     // ESUB
                z = t2 + Math.fma(-(u * v), smallPoly(v), (OPI1 + cor) - du);
            } else {
                int i = row(u);
                double v = (u - c(i, 0)) + du;
                z = (OPI - c(i, 1)) + Math.fma(-v, tablePoly(i, v), OPI1);
            }
        }
        return Math.copySign(z, y);
    }
}
