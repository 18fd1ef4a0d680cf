/**
 * RDMA streaming (the gevgate RoCEv2 profile, docs/rdma-profile.md; not GVRSP): the profile model
 * ({@link io.gevgate.acquisition.roce.RdmaProfile}), the soft-RoCE engine
 * ({@link io.gevgate.acquisition.roce.SoftRoceReceiver} over {@link io.gevgate.acquisition.roce.RoceFrameAssembler}),
 * the hardware-unverified verbs engine ({@link io.gevgate.acquisition.roce.VerbsReceiver}) and the
 * frames both hand out ({@link io.gevgate.acquisition.roce.RoceFrame}).
 */
package io.gevgate.acquisition.roce;
