/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the frame walker's link type (frame_walk.h) of a wiretap encapsulation, for the two
 * readers of wiretap records: the plugin's glue (a frame's record) and tcpreuse-scan (the
 * records it reads itself). Every capture format reaches these as the same encapsulations
 * (pcap's LINKTYPE_* and pcapng's interfaces included).
 */
#ifndef TCPREUSE_WTAP_LINK_H
#define TCPREUSE_WTAP_LINK_H

#include <wireshark.h>
#include <wiretap/wtap.h>

#include "frame_walk.h"

static inline tr_link tr_link_of_wtap_encap(int encap)
{
    switch (encap) {
    case WTAP_ENCAP_ETHERNET:
        return TR_LINK_ETHERNET;
    case WTAP_ENCAP_RAW_IP:
        return TR_LINK_RAW_IP;
    case WTAP_ENCAP_RAW_IP4:
        return TR_LINK_IPV4;
    case WTAP_ENCAP_RAW_IP6:
        return TR_LINK_IPV6;
    case WTAP_ENCAP_SLL:
        return TR_LINK_LINUX_SLL;
    case WTAP_ENCAP_SLL2:
        return TR_LINK_LINUX_SLL2;
    case WTAP_ENCAP_NULL:
        return TR_LINK_NULL;
    case WTAP_ENCAP_LOOP:
        return TR_LINK_LOOP;
    default:
        return TR_LINK_UNKNOWN;
    }
}

#endif
